package org.safeguarding.hub.database;

import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;

/**
 * Flyway at start-up, on every node: the first node of a new release to start migrates the schema
 * (Flyway holds a PostgreSQL advisory lock while it does, so nodes starting together migrate once);
 * the others find it current. A node refuses to start on a schema newer than its own, that is with
 * a migration applied that this release does not have: it would run code against tables it does not
 * know (Flyway alone would accept it, as it ignores "future" migrations by default). A node already
 * running when a newer one migrates keeps running (migrations add, they do not take away within a
 * release; README, Operations).
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigration {

    @Bean
    FlywayMigrationStrategy migrateUnlessNewer() {
        return flyway -> {
            refuseNewerSchema(flyway.info());
            flyway.migrate();
        };
    }

    /** Throws naming the database's newest migration and this release's when the database is ahead. */
    static void refuseNewerSchema(MigrationInfoService info) {
        List<MigrationInfo> future = Arrays.stream(info.all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toList();
        if (!future.isEmpty()) {
            MigrationInfo newest = future.get(future.size() - 1);
            String own = Arrays.stream(info.all()).filter(m -> m.getState().isResolved() && m.getVersion() != null)
                    .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("none");
            throw new IllegalStateException("The database's schema is at version " + newest.getVersion()
                    + " (" + newest.getDescription() + "), newer than this hub's " + own
                    + ": a newer release of the hub has migrated it. Start that release on this node, "
                    + "or restore the database from before the upgrade to go back.");
        }
    }
}
