package org.safeguarding.hub.security;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void burstsToCapacityThenRefillsAtTheRate() {
        TokenBucket bucket = new TokenBucket(new SecurityProperties.Limit(3, 2.0), now::get);

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        // empty; 2 tokens a second: the next one in 0.5 s
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(500));
        now.addAndGet(Duration.ofMillis(250).toNanos());
        // half a token after 0.25 s: 0.25 s more
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(250));
        now.addAndGet(Duration.ofMillis(250).toNanos());
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void neverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = new TokenBucket(new SecurityProperties.Limit(2, 1.0), now::get);
        now.addAndGet(Duration.ofHours(1).toNanos());

        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isZero();
        assertThat(bucket.tryTake()).isEqualTo(Duration.ofSeconds(1));
    }
}
