package org.safeguarding.hub.security;

import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.database.TestPostgres;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The token buckets in PostgreSQL, with a clock the test moves; two "nodes" are two ClientBuckets on one database. */
class ClientBucketsTest {

    private static final DataSource DATABASE = TestPostgres.migratedDatabase();

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final AtomicLong started = new AtomicLong();
    private final TimeMeter clock = new TimeMeter() {
        @Override
        public long currentTimeNanos() {
            return now.get();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    };

    /** Each node made here starts after the ones before it (a later settings version). */
    private ClientBuckets node(String client, int capacity, double refillPerSecond) {
        SecurityProperties.Limit standard = new SecurityProperties.Limit(600, 100);
        return new ClientBuckets(new SecurityProperties.RateLimit(true, standard,
                Map.of(client, new SecurityProperties.Limit(capacity, refillPerSecond))), DATABASE, clock,
                started.incrementAndGet());
    }

    @Test
    void burstsToCapacityThenRefillsAtTheRate() {
        ClientBuckets buckets = node("bursting", 3, 2.0);

        assertThat(buckets.tryTake("bursting")).isZero();
        assertThat(buckets.tryTake("bursting")).isZero();
        assertThat(buckets.tryTake("bursting")).isZero();
        // empty; 2 tokens a second: the next one in 0.5 s
        assertThat(buckets.tryTake("bursting")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(250).toNanos());
        // half a token after 0.25 s: 0.25 s more
        assertThat(buckets.tryTake("bursting")).isEqualTo(Duration.ofMillis(250));
        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(buckets.tryTake("bursting")).isZero();
        assertThat(buckets.tryTake("bursting")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        ClientBuckets buckets = node("idle", 2, 1.0);
        buckets.tryTake("idle");
        now.addAndGet(Duration.ofHours(1).toNanos());

        // 1 taken, then an hour at 1 a second: full again at 2, not 3,601
        assertThat(buckets.tryTake("idle")).isZero();
        assertThat(buckets.tryTake("idle")).isZero();
        assertThat(buckets.tryTake("idle")).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void twoNodesSpendOneAllowance() {
        ClientBuckets nodeA = node("shared", 3, 0.001);
        ClientBuckets nodeB = node("shared", 3, 0.001);

        // 3 tokens in all, whichever node takes them; then 1 token at 0.001/s: 1000 s
        assertThat(nodeA.tryTake("shared")).isZero();
        assertThat(nodeB.tryTake("shared")).isZero();
        assertThat(nodeA.tryTake("shared")).isZero();
        assertThat(nodeB.tryTake("shared")).isEqualTo(Duration.ofSeconds(1000));
        assertThat(nodeA.tryTake("shared")).isEqualTo(Duration.ofSeconds(1000));
        // another client's bucket is its own: the standard 600
        assertThat(nodeB.tryTake("someone-else")).isZero();
    }

    @Test
    void aLoweredLimitAppliesFromTheNodeStartedLastAndOlderNodesKeepToIt() {
        // Kept from the outside trial of 1 December 2026: a node restarted with a lower limit let
        // every request through, because Bucket4j keeps a stored configuration of a higher version.
        ClientBuckets before = node("lowered", 4, 1.0);
        assertThat(before.tryTake("lowered")).isZero(); // 3 of 4 left
        ClientBuckets restarted = node("lowered", 2, 1.0);

        // 3 of 4 is 1.5 of 2; one taken leaves 0.5: the next token in 0.5 s at 1 a second
        assertThat(restarted.tryTake("lowered")).isZero();
        assertThat(restarted.tryTake("lowered")).isEqualTo(Duration.ofMillis(500));
        // the node still running with the old settings started earlier: it keeps to the lower limit
        assertThat(before.tryTake("lowered")).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(before.tryTake("lowered")).isZero();
        assertThat(before.tryTake("lowered")).isZero();
        assertThat(before.tryTake("lowered")).isEqualTo(Duration.ofSeconds(1)); // full at 2, not 4
    }

    @Test
    void aChangedLimitReplacesTheStoredBucket() {
        node("resized", 2, 1.0).tryTake("resized");
        node("resized", 2, 1.0).tryTake("resized");
        ClientBuckets raised = node("resized", 4, 1.0);

        // empty at 2; the new limit of 4 keeps the share held (0 of 2 -> 0 of 4): wait 1 s at 1 a second
        assertThat(raised.tryTake("resized")).isEqualTo(Duration.ofSeconds(1));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        for (int i = 0; i < 4; i++) {
            assertThat(raised.tryTake("resized")).isZero();
        }
        assertThat(raised.tryTake("resized")).isEqualTo(Duration.ofSeconds(1));
    }
}
