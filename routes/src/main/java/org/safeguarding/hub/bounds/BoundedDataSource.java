package org.safeguarding.hub.bounds;

import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.io.Closeable;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The hub's DataSource, giving every connection the limits of the thread that takes it: a request
 * thread's connection runs with that request's PostgreSQL {@code statement_timeout} (a statement
 * that runs longer, lock waits included, is cancelled by PostgreSQL with SQLSTATE 57014, answered
 * 503) and this node's {@link #requestName()}, by which {@link RequestStatementsOnShutdown}
 * finds the statements to cancel; any other thread's connection gets the database's default timeout
 * and {@value #BACKGROUND}. The settings are session settings made only when a pooled connection
 * changes between the two kinds (one round trip then, none otherwise), so a background job never
 * inherits a request's timeout.
 */
final class BoundedDataSource extends DelegatingDataSource implements Closeable {

    static final String BACKGROUND = "safeguarding-hub";

    /** This node's request connections' name: unique per node, as several nodes may share a database. */
    private final String requestName = "safeguarding-hub request " + java.util.UUID.randomUUID().toString().substring(0, 8);

    /** What each pooled (physical) connection was last set to, by identity. */
    private final Map<Object, Optional<Duration>> applied = Collections.synchronizedMap(new WeakHashMap<>());

    BoundedDataSource(DataSource pool) {
        super(pool);
    }

    /** The {@code application_name} of this node's request connections. */
    String requestName() {
        return requestName;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return bound(super.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return bound(super.getConnection(username, password));
    }

    private Connection bound(Connection connection) throws SQLException {
        Optional<Duration> wanted = RequestStatements.current();
        Object physical = connection.isWrapperFor(PGConnection.class) ? connection.unwrap(PGConnection.class) : connection;
        if (wanted.equals(applied.get(physical))) {
            return connection;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(wanted.map(t -> "SET statement_timeout = " + Math.max(1, t.toMillis())
                            + "; SET application_name = '" + requestName + "'")
                    .orElse("SET statement_timeout TO DEFAULT; SET application_name = '" + BACKGROUND + "'"));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        // Inside a transaction the settings would be undone by a rollback: only remember them outside one.
        if (connection.getAutoCommit()) {
            applied.put(physical, wanted);
        } else {
            applied.remove(physical);
        }
        return connection;
    }

    @Override
    public void close() throws IOException {
        if (getTargetDataSource() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
