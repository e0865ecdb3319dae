package org.safeguarding.hub.outbox;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    @Test
    void backoffDoublesUpToTheCapThenGivesUp() {
        // The shipped defaults: 8 attempts, 1 minute doubling, capped at 1 hour.
        RetryPolicy policy = new RetryPolicy(8, Duration.ofMinutes(1), 2.0, Duration.ofHours(1));
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.delayAfter(6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(policy.delayAfter(7)).isEqualTo(Duration.ofHours(1)); // 64 minutes, capped
        assertThat(policy.exhaustedAfter(7)).isFalse();
        assertThat(policy.exhaustedAfter(8)).isTrue();
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), 2, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(10), 2, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
