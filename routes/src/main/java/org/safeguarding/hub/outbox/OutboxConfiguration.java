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
}
