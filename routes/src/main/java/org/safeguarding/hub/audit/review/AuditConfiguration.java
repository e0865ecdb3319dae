package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditChainVerifier;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.audit.AuditTrailReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    AuditTrail auditTrail(JdbcClient jdbc, Clock clock) {
        return new AuditTrail(jdbc, clock);
    }

    @Bean
    AuditTrailReader auditTrailReader(JdbcClient jdbc) {
        return new AuditTrailReader(jdbc);
    }

    @Bean
    AuditChainVerifier auditChainVerifier(JdbcClient jdbc) {
        return new AuditChainVerifier(jdbc);
    }
}
