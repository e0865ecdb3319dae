package org.safeguarding.hub.outbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

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

    /** hub.outbox.retry.*: the defaults try 8 times over about 4 hours (1 min, 2, 4 ... capped at 1 h). */
    @Bean
    RetryPolicy outboxRetryPolicy(OutboxProperties settings) {
        return settings.retry();
    }
}
