package org.safeguarding.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;

/**
 * Limits each authenticated client to its token bucket; over the limit the request gets 429 with
 * {@code Retry-After}. Runs after the token is checked, so the client is known and a caller
 * without a valid token cannot spend another client's allowance. The buckets are in the database
 * ({@link ClientBuckets}), shared by every node; when the database cannot be reached the request
 * gets 503 with {@code Retry-After}, as it would from the work it asked for.
 */
final class RateLimiter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private final SecurityProperties.RateLimit settings;
    private final ClientBuckets buckets;

    RateLimiter(SecurityProperties.RateLimit settings, ClientBuckets buckets) {
        this.settings = settings;
        this.buckets = buckets;
    }

    /**
     * Whose allowance a request spends: a partner system's client id; for staff, who share the
     * web client, the client id and the username ({@code hub-web/alice}).
     */
    static String clientKey(HubUser user) {
        String client = user.clientId() == null ? "unknown-client" : user.clientId();
        return user.isPartnerSystem() || user.name().equals(client) ? client : client + "/" + user.name();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (settings.enabled() && SecurityContextHolder.getContext().getAuthentication() instanceof HubAuthentication auth) {
            String key = clientKey(auth.user());
            Duration wait;
            try {
                wait = buckets.tryTake(key);
            } catch (RuntimeException databaseUnreachable) {
                log.warn("Rate limit: bucket of client {} unreadable; answered 503", key, databaseUnreachable);
                response.setHeader("Retry-After", "5");
                SecurityProblems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable",
                        "The hub cannot reach its database just now; retry after 5 second(s).");
                return;
            }
            if (!wait.isZero()) {
                long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
                log.warn("Rate limit: refused {} {} for client {}; retry in {} s", request.getMethod(),
                        request.getRequestURI(), key, seconds);
                response.setHeader("Retry-After", Long.toString(seconds));
                SecurityProblems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                        "Client " + key + " has sent more requests than its limit allows; retry after " + seconds
                                + " second(s).");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
