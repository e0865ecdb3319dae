package org.safeguarding.hub.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Locally signed tokens shaped like Keycloak's, for fast tests. The access matrix is also run
 * against a real Keycloak; these keep every other test quick. The key exists only in memory.
 */
public final class TestTokens {

    public static final String ISSUER = "http://127.0.0.1:8180/realms/safeguarding-hub";
    public static final String AUDIENCE = "safeguarding-hub";

    private static final KeyPair KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    /**
     * How long the tokens below stay valid. Classes make them as they load, and on a loaded machine a
     * Spring context has taken over 5 minutes to start, so that the tokens had expired before the first
     * request (401 "Jwt expired"); tests of expiry use {@link #expired} or their own lifetimes.
     */
    private static final Duration VALID_FOR = Duration.ofHours(2);

    private TestTokens() {
    }

    /** Value for {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    /** A partner system's token (client-credentials), e.g. client "west-mercia-police-feed". */
    public static String partnerSystem(String clientId) {
        return sign(claims(clientId, "service-account-" + clientId, List.of("partner-system"), Map.of()),
                VALID_FOR);
    }

    /** A school's DSL system's token (client-credentials, role school), e.g. client "school-116789" (schools.yml). */
    public static String school(String clientId) {
        return sign(claims(clientId, "service-account-" + clientId, List.of("school"), Map.of()), VALID_FOR);
    }

    /** A member of staff with {@code role} in {@code partnership}. */
    public static String staff(String username, String role, String partnership) {
        return sign(claims("hub-web", username, List.of(role), Map.of("partnerships", List.of(partnership),
                "agency", "herefordshire-council")), VALID_FOR);
    }

    /** A member of staff as Keycloak issues the token: with their {@code name} (first and last) as well as the username. */
    public static String staff(String username, String name, String role, String partnership) {
        return sign(claims("hub-web", username, List.of(role), Map.of("partnerships", List.of(partnership),
                "agency", "herefordshire-council", "name", name)), VALID_FOR);
    }

    /** A partnership's education safeguarding lead, of its education agency (schools.yml). */
    public static String educationLead(String username, String partnership, String agency) {
        return sign(claims("hub-web", username, List.of("education-safeguarding-lead"), Map.of("partnerships",
                List.of(partnership), "agency", agency)), VALID_FOR);
    }

    public static String expired(String clientId) {
        return sign(claims(clientId, "service-account-" + clientId, List.of("partner-system"), Map.of()),
                Duration.ofMinutes(-10));
    }

    public static JWTClaimsSet.Builder claims(String clientId, String username, List<String> realmRoles,
                                              Map<String, Object> extra) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(UUID.nameUUIDFromBytes(username.getBytes()).toString())
                .claim("azp", clientId)
                .claim("preferred_username", username)
                .claim("realm_access", Map.of("roles", realmRoles))
                .jwtID(UUID.randomUUID().toString());
        extra.forEach(claims::claim);
        return claims;
    }

    public static String sign(JWTClaimsSet.Builder claims, Duration validFor) {
        Instant now = Instant.now();
        Instant issued = validFor.isNegative() ? now.plus(validFor).minus(Duration.ofMinutes(5)) : now;
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("test").build(),
                    claims.issueTime(Date.from(issued)).expirationTime(Date.from(now.plus(validFor))).build());
            jwt.sign(new RSASSASigner((RSAPrivateKey) KEYS.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("hub-test-key", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            return Files.writeString(file, pem);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
