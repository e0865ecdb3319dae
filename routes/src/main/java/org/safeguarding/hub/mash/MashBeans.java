package org.safeguarding.hub.mash;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The MASH services; clocks.yml is validated at start-up. */
@Configuration(proxyBeanMethods = false)
class MashBeans {

    private static final Logger LOG = LoggerFactory.getLogger(MashBeans.class);

    @Bean
    ResponseClocks responseClocks(ConfigFiles files) {
        return ResponseClocks.load(files);
    }

    /** Intake refuses a referral form whose stated receivedAt is earlier than clocks.yml allows. */
    @Bean
    StatedReceipt statedReceipt(ResponseClocks clocks) {
        return new StatedReceipt(clocks.statedReceiptLimit());
    }

    @Bean
    ContactClock contactClock(ResponseClocks clocks, WorkingCalendar calendar) {
        return new ContactClock(clocks, calendar);
    }

    @Bean
    ActionMessages actionMessages(JdbcClient jdbc, Clock clock) {
        return new ActionMessages(jdbc, clock);
    }

    @Bean
    Notices notices(Outbox outbox) {
        return new Notices(outbox);
    }

    @Bean
    MashDesk mashDesk(JdbcClient jdbc, TransactionTemplate tx, ActionMessages messages, AuditTrail audit, Notices notices,
                      ContactClock contactClock, PartnerRegistry registry, Clock clock,
                      org.safeguarding.hub.pathway.Referrals referrals) {
        return new MashDesk(jdbc, tx, messages, audit, notices, contactClock, registry, clock, referrals);
    }

    @Bean
    WorkQueue workQueue(JdbcClient jdbc, Clock clock) {
        return new WorkQueue(jdbc, clock);
    }

    /** The read side of contacts, for the API and the MASH screen alike. */
    @Bean
    ContactViews contactViews(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, ContactStates states, Clock clock) {
        return new ContactViews(jdbc, tx, audit, states, clock);
    }

    /** The one keeper of contacts' state; also an intake rule (settles corrections, refuses uncovered dates). */
    @Bean
    ContactStates contactStates(JdbcClient jdbc, ContactClock contactClock) {
        return new ContactStates(jdbc, contactClock);
    }

    /** Due times V45 could not compute in SQL (unrated contacts, working time) are filled at start-up. */
    @Bean
    ApplicationRunner contactDueTimes(ContactStates states) {
        return args -> {
            ContactStates.Filled filled = states.fillMissingDueTimes();
            if (filled.skipped() > 0) {
                LOG.warn("{} contacts have no due time: their dates are outside the calendar's covers-years", filled.skipped());
            }
        };
    }
}
