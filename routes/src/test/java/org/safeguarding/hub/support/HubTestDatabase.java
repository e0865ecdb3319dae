package org.safeguarding.hub.support;

import org.safeguarding.hub.database.TestPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test application context at a fresh database on the per-JVM test PostgreSQL, and at
 * the locally signed test tokens' public key.
 */
public class HubTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                "spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                "spring.datasource.username=" + TestPostgres.server().username(),
                "spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                // A tiny bucket for one test user only (security.SecurityResponsesTest); everyone else has the default.
                "hub.security.rate-limit.clients[hub-web/rate-limit-probe].capacity=3",
                "hub.security.rate-limit.clients[hub-web/rate-limit-probe].refill-per-second=0.001"
        ).applyTo(context);
    }
}
