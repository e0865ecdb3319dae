package org.safeguarding.hub.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.nio.file.Path;

/**
 * With no database configured ({@code spring.datasource.url} / {@code HUB_DB_URL} empty) the hub
 * starts a real PostgreSQL of its own, keeping its data under {@code hub.embedded-database.directory}
 * so that a restart keeps the data. With a URL set, Spring Boot's own data source is used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    LocalPostgres localPostgres(@Value("${hub.embedded-database.directory}") Path directory,
                                @Value("${hub.embedded-database.port}") int port,
                                @Value("${hub.embedded-database.name}") String database) {
        LocalPostgres server = LocalPostgres.start(directory.resolve("postgres"), port, false);
        server.ensureDatabase(database);
        return server;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(LocalPostgres server, @Value("${hub.embedded-database.name}") String database) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl(database));
        dataSource.setUsername(server.username());
        dataSource.setPoolName("hub-embedded");
        dataSource.setMaximumPoolSize(10);
        dataSource.addDataSourceProperty("reWriteBatchedInserts", "true"); // intake's JDBC batches
        return dataSource;
    }

    static class NoExternalDatabase implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url", "");
            return url.isBlank();
        }
    }

}
