package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.IdentityResolver;
import org.safeguarding.hub.child.MatchThresholds;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;


/** The intake pipeline's parts: identity resolution, the message store, quarantine (the adapters: feeds.FeedAdapters). */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    @Bean
    MatchThresholds matchThresholds(IntakeProperties settings) {
        return settings.matching().thresholds(); // hub.intake.matching, checked by IntakeProperties
    }

    @Bean
    Receipts receipts(JdbcClient jdbc) {
        return new Receipts(jdbc);
    }

    @Bean
    MessageStore messageStore(NamedParameterJdbcOperations jdbc, TransactionTemplate transactions, PartnerRegistry registry,
                              MatchThresholds thresholds, Receipts receipts,
                              java.util.List<org.safeguarding.hub.intake.IntakeRules> rules) {
        // Every IntakeRules bean (the MASH's contact clocks, the pathway's links) runs in each message's transaction.
        return new MessageStore(jdbc, transactions, registry, new IdentityResolver(jdbc, thresholds), receipts, rules);
    }

    @Bean
    Quarantine quarantine(JdbcClient jdbc, TransactionTemplate transactions, MessageStore store) {
        return new Quarantine(jdbc, transactions, store);
    }

    @Bean
    AgreementGate agreementGate(PartnerRegistry registry) {
        return new AgreementGate(registry);
    }

    /** The feeds page's figures. */
    @Bean
    FeedActivity feedActivity(JdbcClient jdbc) {
        return new FeedActivity(jdbc);
    }
}
