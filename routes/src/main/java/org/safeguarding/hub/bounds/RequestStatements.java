package org.safeguarding.hub.bounds;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Marks the thread serving an HTTP request, for the whole request, with the PostgreSQL
 * {@code statement_timeout} its queries run under: {@code hub.bounds.statement-timeout} (default 30 s),
 * or {@code hub.bounds.scorecard-statement-timeout} (default 120 s) for the scorecard's addresses,
 * whose heaviest statement takes 4-10 s at 1,000,000 contacts (README, scorecard benchmark).
 * {@link BoundedDataSource} applies it to every connection the thread takes. Threads that serve
 * no request (the sweep, publishing, the outbox, drop folder and health pull) are not marked and
 * keep the database's own setting.
 */
final class RequestStatements extends OncePerRequestFilter {

    /** The statement timeout of the request the current thread serves; empty outside requests. */
    private static final ThreadLocal<Duration> TIMEOUT = new ThreadLocal<>();
    /** The addresses that compute a scorecard: the API (JSON, CSV, FHIR), the FHIR search and the page. */
    private static final List<String> SCORECARD = List.of("/api/v1/scorecard/", "/fhir/MeasureReport", "/pages/scorecard");

    private final Duration standard;
    private final Duration scorecard;

    RequestStatements(Duration standard, Duration scorecard) {
        this.standard = standard;
        this.scorecard = scorecard;
    }

    static Optional<Duration> current() {
        return Optional.ofNullable(TIMEOUT.get());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        TIMEOUT.set(SCORECARD.stream().anyMatch(path::startsWith) ? scorecard : standard);
        try {
            chain.doFilter(request, response);
        } finally {
            TIMEOUT.remove();
        }
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
