package org.safeguarding.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hub's transport-level guards ({@code hub.security.*} in application.yml), checked at start-up.
 *
 * @param maxRequestSize      the largest request body accepted; larger ones get 413
 * @param tokenClockSkew      how far past its expiry (or before its start) a token is still accepted
 * @param corsAllowedOrigins  browser origins allowed to call the API cross-origin; empty (the default) allows none
 * @param rateLimit           requests per client
 */
@ConfigurationProperties("hub.security")
public record SecurityProperties(DataSize maxRequestSize, Duration tokenClockSkew, List<String> corsAllowedOrigins,
                                 RateLimit rateLimit) {

    /** A token bucket: a client may burst {@code capacity} requests, refilled at {@code refillPerSecond}. */
    public record Limit(int capacity, double refillPerSecond) {
    }

    /**
     * @param enabled   off only for benchmarks
     * @param standard  every client's bucket unless overridden
     * @param clients   per-client overrides, keyed by {@link RateLimiter#clientKey(HubUser) client key}
     */
    public record RateLimit(boolean enabled, Limit standard, Map<String, Limit> clients) {
        public Limit limitFor(String clientKey) {
            return clients.getOrDefault(clientKey, standard);
        }
    }

    public SecurityProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
        rateLimit = rateLimit == null ? new RateLimit(true, null, Map.of()) : rateLimit;
        rateLimit = new RateLimit(rateLimit.enabled(), rateLimit.standard(),
                rateLimit.clients() == null ? Map.of() : Map.copyOf(rateLimit.clients()));
        List<String> problems = problems(maxRequestSize, tokenClockSkew, corsAllowedOrigins, rateLimit);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("hub.security is invalid: " + String.join("; ", problems));
        }
    }

    private static List<String> problems(DataSize maxRequestSize, Duration skew, List<String> origins, RateLimit rateLimit) {
        List<String> problems = new ArrayList<>();
        if (maxRequestSize == null || maxRequestSize.toBytes() <= 0) {
            problems.add("max-request-size must be a positive size such as 20MB");
        }
        if (skew == null || skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
            problems.add("token-clock-skew must be between 0s and 5m");
        }
        if (origins.contains("*")) {
            problems.add("cors-allowed-origins must list origins, not '*'");
        }
        if (rateLimit.standard() == null) {
            problems.add("rate-limit.standard (capacity, refill-per-second) is missing");
        }
        rateLimit.clients().forEach((client, limit) -> checkLimit("rate-limit.clients." + client, limit, problems));
        checkLimit("rate-limit.standard", rateLimit.standard(), problems);
        return problems;
    }

    private static void checkLimit(String where, Limit limit, List<String> problems) {
        if (limit != null && (limit.capacity() < 1 || !(limit.refillPerSecond() > 0))) {
            problems.add(where + " needs capacity >= 1 and refill-per-second > 0");
        }
    }
}
