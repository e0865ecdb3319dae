package org.safeguarding.hub.database;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With no database configured the hub runs its own PostgreSQL, and a restart keeps the data. */
class EmbeddedDatabaseRestartTest {

    // Under target/ rather than a JUnit @TempDir: those are private to the test's user, and the
    // database server runs as 'nobody' when the build runs as root.
    private final Path workingFolder = Path.of("target", "restart-test-" + System.nanoTime()).toAbsolutePath();

    private ConfigurableApplicationContext startHub() {
        return new SpringApplication(HubApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=",
                "--hub.embedded-database.directory=" + workingFolder.resolve("data"),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation());
    }

    @Test
    void dataSurvivesARestart() {
        try (ConfigurableApplicationContext hub = startHub()) {
            assertThat(hub.getBean(LocalPostgres.class)).isNotNull();
            hub.getBean(JdbcClient.class).sql("INSERT INTO agency (id, name, kind) VALUES ('restart-probe', 'Probe', 'other')")
                    .update();
        }
        try (ConfigurableApplicationContext hub = startHub()) {
            assertThat(hub.getBean(JdbcClient.class).sql("SELECT name FROM agency WHERE id = 'restart-probe'")
                    .query(String.class).single()).isEqualTo("Probe");
        }
        assertThat(workingFolder.resolve("data/postgres/PG_VERSION")).exists();
    }
}
