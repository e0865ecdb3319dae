package org.safeguarding.hub.mash;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/** The MASH services; clocks.yml is validated at start-up. */
@Configuration(proxyBeanMethods = false)
class MashBeans {

    @Bean
    ResponseClocks responseClocks(ConfigFiles files) {
        return ResponseClocks.load(files);
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
    WorkQueue workQueue(JdbcClient jdbc, ContactClock contactClock, Clock clock) {
        return new WorkQueue(jdbc, contactClock, clock);
    }
}
