package org.safeguarding.hub.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * With no database configured ({@code spring.datasource.url} / {@code HUB_DB_URL} empty) the hub
 * starts a real PostgreSQL of its own, keeping its data under {@code hub.embedded-database.directory}
 * so that a restart keeps the data. With a URL set, Spring Boot's own data source is used.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    @Bean(destroyMethod = "close")
    LocalPostgres localPostgres(EmbeddedDatabaseProperties embedded) {
        LocalPostgres server = LocalPostgres.start(embedded.directory().resolve("postgres"), embedded.port(), false);
        server.ensureDatabase(embedded.name());
        return server;
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(LocalPostgres server, EmbeddedDatabaseProperties embedded) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(server.jdbcUrl(embedded.name()));
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
