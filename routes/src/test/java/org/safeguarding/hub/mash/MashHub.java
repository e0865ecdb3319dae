package org.safeguarding.hub.mash;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.safeguarding.hub.support.HubTestDatabase;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The hub for the MASH, outbox and escalation tests: one WireMock per JVM plays the partner agencies'
 * notice endpoints (two test agencies, "flaky-agency" and "down-agency", are added to partners.yml)
 * and serves the test tokens' key as a JWK set; retries and polling are fast, the sweep is only run
 * by the tests. Test classes with this annotation share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = {HubTestDatabase.class, MashHub.Settings.class})
public @interface MashHub {

    class Settings implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        /** The partner agencies' side; started before the config that names its port. */
        public static final WireMockServer PARTNERS = start();
        private static final Path CONFIG_DIR = configDir();

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(properties()).applyTo(context);
        }

        /** Also used to start a second node on the same database. */
        public static String[] properties() {
            return new String[] {
                    // Until the security branch's TokenChecks is merged, Boot ignores the public key when an
                    // issuer is configured; a JWK set URL with the same key works before and after.
                    "spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + PARTNERS.baseUrl() + "/jwks",
                    "hub.config-dir=" + CONFIG_DIR,
                    "hub.outbox.poll-interval=100", "hub.outbox.poll-delay=0",
                    "hub.outbox.retry.max-attempts=5", "hub.outbox.retry.first-delay=PT0.1S",
                    "hub.outbox.retry.multiplier=2", "hub.outbox.retry.max-delay=PT0.4S",
                    "hub.escalation.sweep-delay=3600000"};
        }

        static WireMockServer start() {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            server.stubFor(get("/jwks").willReturn(aResponse().withHeader("Content-Type", "application/json")
                    .withBody(new JWKSet(new RSAKey.Builder(publicKey()).keyID("test").build()).toString())));
            server.stubFor(post(urlPathMatching("/notices/.*")).atPriority(10).willReturn(aResponse().withStatus(200)));
            return server;
        }

        private static RSAPublicKey publicKey() {
            try {
                String pem = Files.readString(Path.of(URI.create(TestTokens.publicKeyLocation())));
                byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
                return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The shipped partners.yml with notice endpoints for police and two test agencies. */
        private static Path configDir() {
            try (InputStream shipped = MashHub.class.getClassLoader().getResourceAsStream("hub/partners.yml")) {
                String yaml = new String(shipped.readAllBytes(), StandardCharsets.UTF_8);
                String base = "http://127.0.0.1:" + PARTNERS.port() + "/notices/";
                yaml = yaml.replace("    clients: [west-mercia-police-feed]\n",
                        "    clients: [west-mercia-police-feed]\n    notices-endpoint: " + base + "west-mercia-police\n");
                yaml = yaml.replace("agencies:\n", """
                        agencies:
                          - id: flaky-agency
                            name: A partner whose endpoint fails three times
                            kind: other
                            partnerships: [herefordshire]
                            notices-endpoint: %sflaky
                          - id: down-agency
                            name: A partner whose endpoint is down
                            kind: other
                            partnerships: [herefordshire]
                            notices-endpoint: %sdown
                        """.formatted(base, base));
                Path dir = Files.createTempDirectory("hub-mash-config");
                Files.writeString(dir.resolve("partners.yml"), yaml);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
