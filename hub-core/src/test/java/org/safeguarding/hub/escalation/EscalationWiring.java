package org.safeguarding.hub.escalation;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.mash.ActionMessages;
import org.safeguarding.hub.mash.ContactClock;
import org.safeguarding.hub.mash.ContactFixture;
import org.safeguarding.hub.mash.MashDesk;
import org.safeguarding.hub.mash.Notices;
import org.safeguarding.hub.mash.ResponseClocks;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.ReferenceData;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;

/** The MASH and escalation services on a fresh migrated database with a clock the test moves; no Spring context. */
final class EscalationWiring {

    final DataSource dataSource = TestPostgres.migratedDatabase();
    final JdbcClient jdbc = JdbcClient.create(dataSource);
    final ContactFixture.MovableClock clock;
    final ContactFixture fixture = new ContactFixture(jdbc);
    final WorkingCalendar calendar = CalendarConfiguration.load(ConfigFiles.defaults());
    final EscalationPolicy policy = EscalationPolicy.load(ConfigFiles.defaults());
    final MashDesk desk;
    final TimelinessSweep sweep;
    final Disagreements disagreements;
    final Escalations escalations;

    EscalationWiring(Instant now) {
        clock = new ContactFixture.MovableClock(now);
        PartnerRegistry registry = PartnerRegistry.load(ConfigFiles.defaults());
        new ReferenceData(jdbc).write(registry);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        ActionMessages messages = new ActionMessages(jdbc, clock);
        AuditTrail audit = new AuditTrail(jdbc, clock);
        Notices notices = new Notices(new Outbox(jdbc, clock));
        ContactClock contactClock = new ContactClock(ResponseClocks.load(ConfigFiles.defaults()), calendar);
        escalations = new Escalations(jdbc, notices);
        desk = new MashDesk(jdbc, tx, messages, audit, notices, contactClock, registry, clock,
                new org.safeguarding.hub.pathway.Referrals(jdbc,
                        new org.safeguarding.hub.pathway.PathwayLinks(jdbc, org.safeguarding.hub.pathway.PathwayRules.load(ConfigFiles.defaults())),
                        clock));
        sweep = new TimelinessSweep(jdbc, tx, messages, escalations, contactClock, policy, registry,
                org.safeguarding.hub.encompass.SchoolRegister.load(ConfigFiles.defaults(), registry), clock);
        disagreements = new Disagreements(jdbc, tx, messages, escalations, audit, policy, calendar, clock);
    }
}
