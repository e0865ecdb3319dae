package org.safeguarding.hub.encompass;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.outbox.OutboxDeliveries;
import org.safeguarding.hub.outbox.SchoolEndpoints;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;

/**
 * Operation Encompass: schools.yml (validated at start-up against partners.yml), the intake rule that
 * makes a notice of each police domestic abuse notification, and the schools' and MASH's reads.
 */
@Configuration(proxyBeanMethods = false)
class EncompassBeans {

    @Bean
    SchoolRegister schoolRegister(ConfigFiles files, PartnerRegistry registry) {
        return SchoolRegister.load(files, registry);
    }

    /** The outbox posts a school's notices to its endpoint in schools.yml. */
    @Bean
    SchoolEndpoints schoolEndpoints(SchoolRegister schools) {
        return urn -> schools.school(urn).filter(School::hasEndpoint).map(School::noticesEndpoint);
    }

    @Bean
    Acknowledgements encompassAcknowledgements(JdbcClient jdbc, OutboxDeliveries deliveries, AuditTrail audit, Clock clock) {
        return new Acknowledgements(jdbc, deliveries, audit, clock);
    }

    /** An IntakeRules bean: runs in each message's transaction. */
    @Bean
    EncompassNotices encompassNotices(JdbcClient jdbc, SchoolRegister schools, PartnerRegistry registry,
                                      WorkingCalendar calendar, Outbox outbox, AuditTrail audit, Clock clock,
                                      Acknowledgements acknowledgements) {
        return new EncompassNotices(jdbc, schools, registry, calendar, outbox, audit, clock, acknowledgements);
    }

    @Bean
    SchoolNotices schoolNotices(JdbcClient jdbc, TransactionTemplate tx, SchoolRegister schools, PartnerRegistry registry,
                                WorkingCalendar calendar, OutboxDeliveries deliveries, AuditTrail audit, Clock clock,
                                Acknowledgements acknowledgements) {
        return new SchoolNotices(jdbc, tx, schools, registry, calendar.zone(), deliveries, audit, clock, acknowledgements);
    }
}
