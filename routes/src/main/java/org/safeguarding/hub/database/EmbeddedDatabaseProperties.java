package org.safeguarding.hub.database;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.nio.file.Path;

/**
 * {@code hub.embedded-database}: the PostgreSQL the hub starts itself when no external database is
 * configured ({@link EmbeddedDatabaseConfiguration}).
 *
 * @param directory where it keeps its data (under {@code postgres/}); relative to the working folder
 * @param port      its port on 127.0.0.1; 0 for any free port
 * @param name      the database the hub uses in it
 */
public record EmbeddedDatabaseProperties(@NotNull Path directory, @Min(0) @Max(65535) int port, @NotBlank String name) {
}
