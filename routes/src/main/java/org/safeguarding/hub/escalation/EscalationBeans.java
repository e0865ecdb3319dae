package org.safeguarding.hub.escalation;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.encompass.SchoolRegister;
import org.safeguarding.hub.cluster.SingletonJobs;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.mash.ActionMessages;
import org.safeguarding.hub.mash.ContactClock;
import org.safeguarding.hub.mash.Notices;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;

/** Escalation services, escalation.yml (validated at start-up) and the JDBC lock the sweep runs under. */
@Configuration(proxyBeanMethods = false)
class EscalationBeans {

    @Bean
    EscalationPolicy escalationPolicy(ConfigFiles files) {
        return EscalationPolicy.load(files);
    }

    @Bean
    Escalations escalations(JdbcClient jdbc, Notices notices) {
        return new Escalations(jdbc, notices);
    }

    @Bean
    TimelinessSweep timelinessSweep(JdbcClient jdbc, TransactionTemplate tx, ActionMessages messages,
                                    Escalations escalations, ContactClock contactClock, EscalationPolicy policy,
                                    PartnerRegistry registry, SchoolRegister schools, Clock clock) {
        return new TimelinessSweep(jdbc, tx, messages, escalations, contactClock, policy, registry, schools, clock);
    }

    @Bean
    Disagreements disagreements(JdbcClient jdbc, TransactionTemplate tx, ActionMessages messages, Escalations escalations,
                                AuditTrail audit, EscalationPolicy policy, WorkingCalendar calendar, Clock clock) {
        return new Disagreements(jdbc, tx, messages, escalations, audit, policy, calendar, clock);
    }

    /** INT_LOCK (V30) shared by every node; a lock held by a dead node expires after the TTL. */
    @Bean
    DefaultLockRepository escalationLockRepository(DataSource dataSource) {
        DefaultLockRepository repository = new DefaultLockRepository(dataSource);
        repository.setRegion("safeguarding-hub");
        return repository;
    }

    @Bean
    JdbcLockRegistry escalationLockRegistry(DefaultLockRepository escalationLockRepository, EscalationProperties settings) {
        return new JdbcLockRegistry(escalationLockRepository, settings.lockTtl());
    }

    /** The sweep's and scorecard publishing's one-node-at-a-time runs, under that lock. */
    @Bean
    SingletonJobs singletonJobs(JdbcLockRegistry escalationLockRegistry) {
        return new SingletonJobs(escalationLockRegistry);
    }
}
