package org.safeguarding.hub.flags;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Child protection flags for health partners (issue 15): the lookup, the notices to councils, the
 * query service behind {@code GET /fhir/Flag}, the MASH's list of notices and the intake rule for ED attendances. Days are the
 * calendar's local days (Europe/London).
 */
@Configuration(proxyBeanMethods = false)
class FlagBeans {

    @Bean
    CurrentFlags currentFlags(JdbcClient jdbc, PartnerRegistry registry) {
        return new CurrentFlags(jdbc, registry);
    }

    @Bean
    ChildSeenNotices childSeenNotices(Outbox outbox, AuditTrail audit, PartnerRegistry registry, WorkingCalendar calendar) {
        return new ChildSeenNotices(outbox, audit, registry, calendar.zone());
    }

    @Bean
    FlagQueries flagQueries(CurrentFlags flags, ChildSeenNotices notices, PartnerRegistry registry, AuditTrail audit,
                            TransactionTemplate tx, Clock clock, WorkingCalendar calendar) {
        return new FlagQueries(flags, notices, registry, audit, tx, clock, calendar.zone());
    }

    @Bean
    ChildSeenLog childSeenLog(JdbcClient jdbc, TransactionTemplate tx, PartnerRegistry registry, AuditTrail audit) {
        return new ChildSeenLog(jdbc, tx, registry, audit);
    }

    /** An IntakeRules bean: runs in each message's transaction. */
    @Bean
    AttendanceNotices attendanceNotices(JdbcClient jdbc, CurrentFlags flags, ChildSeenNotices notices,
                                        PartnerRegistry registry, Clock clock, WorkingCalendar calendar) {
        return new AttendanceNotices(jdbc, flags, notices, registry, clock, calendar.zone());
    }
}
