package org.safeguarding.hub.database;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rolling upgrades: a node of an older release does not start on a schema a newer release migrated. */
class SchemaMigrationTest {

    @Test
    void aNodeRefusesToStartOnASchemaNewerThanItsOwn() {
        String url = TestPostgres.freshDatabaseUrl();
        String user = TestPostgres.server().username();
        // A newer release's node has migrated the database one step past this release (V9999).
        Flyway.configure().dataSource(url, user, "").locations("classpath:db/migration", "classpath:db/newer-release")
                .load().migrate();

        assertThatThrownBy(() -> new SpringApplicationBuilder(HubApplication.class).run(
                "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--server.port=0", "--spring.main.banner-mode=off").close())
                .rootCause()
                .hasMessageContaining("The database's schema is at version 9999 (a newer release), newer than this hub's")
                .hasMessageContaining("a newer release of the hub has migrated it");
    }
}
