package org.safeguarding.hub.mash;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.safeguarding.hub.support.HubTestDatabase;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * The hub for the MASH, outbox and escalation tests: one WireMock per JVM plays the partner agencies'
 * notice endpoints (two test agencies, "flaky-agency" and "down-agency", are added to partners.yml, and
 * for the flags tests a council with an endpoint, "test-council", and a trust without a direct-care
 * agreement, "other-trust")
 * retries and polling are fast, the sweep is only run
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
                    "hub.config-dir=" + CONFIG_DIR,
                    "hub.outbox.poll-interval=100", "hub.outbox.poll-delay=0",
                    "hub.outbox.retry.max-attempts=5", "hub.outbox.retry.first-delay=PT0.1S",
                    "hub.outbox.retry.multiplier=2", "hub.outbox.retry.max-delay=PT0.4S",
                    "hub.escalation.sweep-delay=3600000"};
        }

        static WireMockServer start() {
            WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
            server.stubFor(post(urlPathMatching("/notices/.*")).atPriority(10).willReturn(aResponse().withStatus(200)));
            return server;
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
                          - id: test-council
                            name: A council whose system takes notices at an endpoint
                            kind: social-care
                            partnerships: [herefordshire]
                            clients: [test-council-feed]
                            notices-endpoint: %stest-council
                            contact: { name: Test council duty team, phone: "01000 000001", email: duty@test-council.example }
                          - id: other-trust
                            name: A trust that may send its feed but not ask for flags
                            kind: health
                            partnerships: [herefordshire]
                            clients: [other-trust-feed]
                        """.formatted(base, base, base));
                yaml = yaml.replace("agreements:\n", """
                        agreements:
                          - agency: test-council
                            feeds: [social-care]
                            shares: [direct-care]
                            purpose: Statutory children's social care functions
                            lawful-basis: "UK GDPR Art 6(1)(e); Children Act 1989 s17 and s47"
                            from: 2024-04-01
                          - agency: other-trust
                            feeds: [health]
                            purpose: Safeguarding children; MASH screening only
                            lawful-basis: "UK GDPR Art 6(1)(e)"
                            from: 2024-04-01
                        """);
                Path dir = Files.createTempDirectory("hub-mash-config");
                Files.writeString(dir.resolve("partners.yml"), yaml);
                return dir;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
