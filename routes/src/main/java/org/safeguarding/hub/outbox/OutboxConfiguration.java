package org.safeguarding.hub.outbox;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean
    Outbox outbox(JdbcClient jdbc, Clock clock) {
        return new Outbox(jdbc, clock);
    }

    @Bean
    OutboxDeliveries outboxDeliveries(JdbcClient jdbc, Clock clock) {
        return new OutboxDeliveries(jdbc, clock);
    }

    /** hub.outbox.retry.*: defaults try 8 times over about 4 hours (1 min, 2, 4 ... capped at 1 h). */
    @Bean
    RetryPolicy outboxRetryPolicy(@Value("${hub.outbox.retry.max-attempts:8}") int maxAttempts,
                                  @Value("${hub.outbox.retry.first-delay:PT1M}") Duration firstDelay,
                                  @Value("${hub.outbox.retry.multiplier:2.0}") double multiplier,
                                  @Value("${hub.outbox.retry.max-delay:PT1H}") Duration maxDelay) {
        return new RetryPolicy(maxAttempts, firstDelay, multiplier, maxDelay);
    }
}
