package org.safeguarding.hub.bounds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * At shutdown, cancels the statements this hub is running for requests, just before the web
 * server's graceful shutdown starts waiting for requests to finish: a scorecard request no longer
 * holds shutdown for its whole statement timeout (issue 12: 41 s); its client gets a 503. Only this
 * node's request connections are cancelled ({@link BoundedDataSource#requestName()}: other hub
 * nodes on the same database and this node's background jobs carry other names).
 */
final class RequestStatementsOnShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RequestStatementsOnShutdown.class);

    private final JdbcClient jdbc;
    private final String requestName;
    private volatile boolean running;

    RequestStatementsOnShutdown(JdbcClient jdbc, String requestName) {
        this.jdbc = jdbc;
        this.requestName = requestName;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        try {
            int cancelled = jdbc.sql("""
                            SELECT count(*) FILTER (WHERE pg_cancel_backend(pid)) FROM pg_stat_activity
                            WHERE datname = current_database() AND application_name = :name AND state = 'active'
                              AND pid <> pg_backend_pid()""")
                    .param("name", requestName).query(Integer.class).single();
            if (cancelled > 0) {
                log.info("Shutting down: cancelled {} statement(s) running for requests", cancelled);
            }
        } catch (RuntimeException e) {
            log.warn("Shutting down: could not cancel the statements running for requests", e);
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just before the graceful shutdown phase, which waits for running requests. */
    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
    }
}
