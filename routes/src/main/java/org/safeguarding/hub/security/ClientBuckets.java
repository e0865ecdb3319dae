package org.safeguarding.hub.security;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * Every client's token bucket, held in PostgreSQL ({@code rate_limit_bucket}, V60) by Bucket4j's
 * PostgreSQL backend, so that all nodes behind a load balancer spend one allowance: with N nodes a
 * client still gets its limit once, not N times (issue 17). A bucket holds up to {@code capacity}
 * tokens, refilled continuously at {@code refillPerSecond}; each request takes one. Taking a token is
 * one short transaction ({@code SELECT ... FOR UPDATE} of the client's row), so two nodes serving the
 * same client take turns. Time is the nodes' wall clock (kept in step by NTP), so that their
 * readings mean the same instant; tests pass their own.
 */
final class ClientBuckets {

    private final SecurityProperties.RateLimit settings;
    private final ProxyManager<String> buckets;
    private final long settingsVersion;

    /**
     * @param settingsVersion when this node read its settings (its start), in milliseconds since the
     *                        epoch: a stored bucket made by a node that started earlier is replaced by
     *                        this node's limit, so the limits of the node started last apply everywhere
     */
    ClientBuckets(SecurityProperties.RateLimit settings, DataSource dataSource, TimeMeter clock, long settingsVersion) {
        this.settings = settings;
        this.settingsVersion = settingsVersion;
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket").idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .clientClock(clock)
                .build();
    }

    /**
     * Takes a token from the client's bucket if there is one; otherwise says how long until there will
     * be (zero when taken). A node started after the bucket was stored replaces its limit with the
     * node's own on the client's next request, keeping the share of tokens it had: a limit changed in
     * the settings, raised or lowered, applies from the first restarted node's first request on, and
     * during a rolling restart the nodes already restarted set it for all. (Bucket4j replaces a stored
     * configuration only by a higher version; a version made from the limit itself let a raised limit
     * in but never a lowered one.)
     */
    Duration tryTake(String clientKey) {
        SecurityProperties.Limit limit = settings.limitFor(clientKey);
        ConsumptionProbe probe = buckets.builder()
                .withImplicitConfigurationReplacement(settingsVersion, TokensInheritanceStrategy.PROPORTIONALLY)
                .build(clientKey, () -> configuration(limit))
                .tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    /**
     * Bucket4j counts in whole tokens over a period: {@code capacity} tokens every
     * {@code capacity / refillPerSecond} seconds, refilled greedily (a fraction of a token at a time),
     * which is the continuous rate (3 tokens at 2 a second: 3 every 1.5 s; one token in 0.5 s).
     */
    private static BucketConfiguration configuration(SecurityProperties.Limit limit) {
        long periodNanos = Math.max(1, Math.round(limit.capacity() * 1e9 / limit.refillPerSecond()));
        return BucketConfiguration.builder()
                .addLimit(bandwidth -> bandwidth.capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), Duration.ofNanos(periodNanos)))
                .build();
    }

}
