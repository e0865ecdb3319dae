package org.safeguarding.hub.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code hub.security}: the hub's transport-level guards, a part of the settings tree validated at
 * start-up ({@code settings.HubProperties}).
 *
 * @param maxRequestSize      the largest request body accepted, a positive size such as 20MB; larger ones get 413
 * @param tokenClockSkew      how far past its expiry (or before its start) a token is still accepted, 0s to 5m
 * @param corsAllowedOrigins  browser origins allowed to call the API cross-origin, never {@code *}; empty (the
 *                            default) allows none; blank entries are dropped
 * @param rateLimit           requests per client
 */
public record SecurityProperties(
        @NotNull @Positive DataSize maxRequestSize,
        @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 5) Duration tokenClockSkew,
        List<@Pattern(regexp = "(?!\\*$).*", message = "must list origins, not '*'") String> corsAllowedOrigins,
        @NotNull @Valid RateLimit rateLimit) {

    /** A token bucket: a client may burst {@code capacity} requests (at least 1), refilled at {@code refillPerSecond} (> 0). */
    public record Limit(@Min(1) int capacity, @Positive double refillPerSecond) {
    }

    /**
     * @param enabled   off only for benchmarks
     * @param standard  every client's bucket unless overridden
     * @param clients   per-client overrides, keyed by {@link RateLimiter#clientKey(HubUser) client key}
     */
    public record RateLimit(boolean enabled, @NotNull @Valid Limit standard, Map<String, @Valid Limit> clients) {

        public RateLimit {
            clients = clients == null ? Map.of() : Map.copyOf(clients);
        }

        public Limit limitFor(String clientKey) {
            return clients.getOrDefault(clientKey, standard);
        }
    }

    public SecurityProperties {
        corsAllowedOrigins = corsAllowedOrigins == null ? List.of()
                : corsAllowedOrigins.stream().filter(origin -> !origin.isBlank()).toList();
    }
}
