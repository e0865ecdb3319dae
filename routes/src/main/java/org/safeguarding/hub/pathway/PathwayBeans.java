package org.safeguarding.hub.pathway;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * The pathway's links (docs/pathway.md); pathway.yml is validated at start-up. {@link PathwayLinks}
 * is an intake rule, so MessageStore runs it in every message's transaction.
 */
@Configuration(proxyBeanMethods = false)
class PathwayBeans {

    @Bean
    PathwayRules pathwayRules(ConfigFiles files) {
        return PathwayRules.load(files);
    }

    @Bean
    PathwayLinks pathwayLinks(JdbcClient jdbc, PathwayRules rules) {
        return new PathwayLinks(jdbc, rules);
    }

    @Bean
    Referrals referrals(JdbcClient jdbc, PathwayLinks links, Clock clock) {
        return new Referrals(jdbc, links, clock);
    }

    @Bean
    UnlinkedSteps unlinkedSteps(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit) {
        return new UnlinkedSteps(jdbc, tx, audit);
    }
}
