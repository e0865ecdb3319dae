package org.safeguarding.hub.escalation;

import org.safeguarding.hub.calendar.OutsideCalendar;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.encompass.EncompassNotices;
import org.safeguarding.hub.encompass.SchoolRegister;
import org.safeguarding.hub.mash.ActionMessages;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.mash.ClockKind;
import org.safeguarding.hub.mash.ContactClock;
import org.safeguarding.hub.mash.ContactStates;
import org.safeguarding.hub.partner.AgencyKind;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.validation.Codes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The timeliness sweep (docs/domain.md "Escalation"): raises one escalation per breached clock,
 * addressed to the MASH lead; moves those still open after the further period to the head of
 * service; resolves those whose late action has since been done. Safe to run on several nodes at
 * once (the partial unique index on escalation holds), but the routes run it on one node at a time
 * under a JDBC lock so partners are not sent work twice. A clock the calendar cannot count (a day
 * past bank-holidays.yml's covers-years: {@link OutsideCalendar}) is logged and skipped, so one such
 * item never stops the sweep for the others.
 */
public final class TimelinessSweep {

    /** What one run did. */
    public record Result(int raised, int moved, int completed) {
    }

    private static final Logger log = LoggerFactory.getLogger(TimelinessSweep.class);
    /** The account the sweep acts as: transitions, audit, the held decisions it applies (SweepJob). */
    public static final String SWEEPER = "timeliness-sweep";
    /** The subject type of an escalation about an unacknowledged Operation Encompass notice. */
    public static final String ENCOMPASS_NOTICE = "encompass-notice";
    /** Whom an unacknowledged Operation Encompass notice goes to, at the school's education agency. */
    public static final String EDUCATION_SAFEGUARDING_LEAD = "education-safeguarding-lead";
    /**
     * Raising one escalation takes tens of milliseconds (record, transition, notices); a first run
     * over a backlog is split into rounds so that one run stays well inside the sweep lock's
     * two-minute lease. The rest are raised by the next rounds.
     */
    static final int MAX_RAISES_PER_RUN = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ActionMessages messages;
    private final Escalations escalations;
    private final ContactClock contactClock;
    private final EscalationPolicy policy;
    private final PartnerRegistry registry;
    private final SchoolRegister schools;
    private final Clock clock;

    public TimelinessSweep(JdbcClient jdbc, TransactionTemplate tx, ActionMessages messages, Escalations escalations,
                           ContactClock contactClock, EscalationPolicy policy, PartnerRegistry registry,
                           SchoolRegister schools, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.messages = messages;
        this.escalations = escalations;
        this.contactClock = contactClock;
        this.policy = policy;
        this.registry = registry;
        this.schools = schools;
        this.clock = clock;
    }

    public Result sweep() {
        Instant now = clock.instant();
        int raised = 0;
        for (Breach breach : breaches(now).stream().limit(MAX_RAISES_PER_RUN).toList()) {
            try {
                raised += Boolean.TRUE.equals(tx.execute(status -> raise(breach, now))) ? 1 : 0;
            } catch (AlreadyRaised lostTheRace) {
                // another node raised this one between our query and our insert
            } catch (OutsideCalendar e) {
                log.warn("Timeliness sweep: {} {} not escalated: {}", breach.subjectType(), breach.subjectId(), e.getMessage());
            }
        }
        int completed = tx.execute(status -> completeDone(now));
        int moved = tx.execute(status -> moveOverdueToNextRole(now));
        return new Result(raised, moved, completed);
    }

    /**
     * {@code at} as staff read it in a summary: the partnership's local time ("Wed 18 Nov 2026 11:39"),
     * not UTC, as the pages show every other time.
     */
    private String local(Instant at) {
        return LOCAL_TIME.format(at.atZone(contactClock.calendar().zone()));
    }

    /**
     * A school as staff read it in a summary: its name from the school register (schools.yml) with its
     * URN, "Whitecross Hereford High School (URN 116789)"; "school 116789" when the register no longer has it.
     */
    private String school(String urn) {
        return schools.school(urn).map(s -> s.name() + " (URN " + urn + ")").orElse("school " + urn);
    }

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.UK);

    /** Every clock past its due time that has no timeliness escalation yet. */
    List<Breach> breaches(Instant now) {
        List<Breach> breaches = new ArrayList<>();
        // Contacts without a decision past the due time of their state (ContactStates: RAG rating or
        // threshold-decision clock, 004:L1837); an escalation on an earlier version still counts.
        jdbc.sql("""
                SELECT c.id, c.partnership_id, c.child_id, c.due_at, c.rating FROM contact c
                WHERE\s""" + ContactStates.OPEN + """
                \sAND c.due_at < :now AND NOT EXISTS (SELECT 1 FROM contact v JOIN escalation x ON x.subject_id = v.id
                      AND x.kind = 'timeliness' AND x.subject_type = 'contact' WHERE\s""" + ContactStates.versionOfC("v") + ")")
                .param("now", SqlTime.utc(now))
                .query((rs, n) -> {
                    Instant due = SqlTime.instant(rs, "due_at");
                    String rating = rs.getString("rating");
                    return new Breach(rs.getString("partnership_id"), "contact", rs.getObject("id", UUID.class),
                            rs.getObject("child_id", UUID.class), due, "threshold decision overdue since " + local(due)
                            + (rating == null ? "" : " (" + rating + ")"));
                }).list().forEach(breaches::add);
        // Decisions to hold a strategy discussion, none held: due 24 hours from the referral (001:L3757).
        // Held means a discussion that counts (V44) recorded for the contact or linked to its referral.
        jdbc.sql("""
                SELECT d.id, d.partnership_id, c.child_id, d.decided_at FROM threshold_decision d JOIN contact c ON c.id = d.contact_id
                WHERE d.superseded_by IS NULL AND d.outcome = 'strategy-discussion'
                  AND NOT EXISTS (SELECT 1 FROM counted_strategy_discussion s LEFT JOIN referral r ON r.id = s.referral_id
                                  WHERE s.contact_id = d.contact_id OR r.contact_id = d.contact_id)
                  AND NOT\s""" + escalated("threshold-decision", "d.id"))
                .query((rs, n) -> breach(rs.getString(2), "threshold-decision", rs.getObject(1, UUID.class),
                        rs.getObject(3, UUID.class), ClockKind.STRATEGY_DISCUSSION, SqlTime.instant(rs, "decided_at"),
                        "strategy discussion overdue"))
                .list().stream().filter(b -> b.dueAt() != null && b.dueAt().isBefore(now)).forEach(breaches::add);
        // Section 47 enquiries heading to conference with no ICPC: 15 working days from the strategy discussion (002:L203).
        jdbc.sql("""
                SELECT s.id, s.partnership_id, s.child_id, s.held_at FROM counted_strategy_discussion s
                WHERE EXISTS (SELECT 1 FROM section47_enquiry e WHERE e.strategy_discussion_id = s.id AND e.outcome = 'icpc'
                              AND e.superseded_by IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM icpc i LEFT JOIN section47_enquiry e ON e.id = i.section47_id
                                  WHERE (i.strategy_discussion_id = s.id OR e.strategy_discussion_id = s.id)
                                    AND i.superseded_by IS NULL)
                  AND NOT\s""" + escalated("strategy-discussion", "s.id"))
                .query((rs, n) -> breach(rs.getString(2), "strategy-discussion", rs.getObject(1, UUID.class),
                        rs.getObject(3, UUID.class), ClockKind.ICPC, SqlTime.instant(rs, "held_at"), "ICPC overdue"))
                .list().stream().filter(b -> b.dueAt() != null && b.dueAt().isBefore(now)).forEach(breaches::add);
        // Police missing episodes ended with no return interview held: 72 hours from the end (004:L1051);
        // interviews link to episodes by the police's reference or the return-interview rule (pathway.yml).
        jdbc.sql("""
                SELECT m.id, m.partnership_id, m.child_id, m.ended_at FROM missing_episode m
                JOIN agency ag ON ag.id = m.source_agency_id AND ag.kind = 'police'
                WHERE m.superseded_by IS NULL AND m.ended_at IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM return_interview r WHERE r.missing_episode_id = m.id AND r.held_at IS NOT NULL
                                  AND r.superseded_by IS NULL)
                  AND NOT\s""" + escalated("missing-episode", "m.id"))
                .query((rs, n) -> breach(rs.getString(2), "missing-episode", rs.getObject(1, UUID.class),
                        rs.getObject(3, UUID.class), ClockKind.RETURN_INTERVIEW, SqlTime.instant(rs, "ended_at"),
                        "return home interview overdue"))
                .list().stream().filter(b -> b.dueAt() != null && b.dueAt().isBefore(now)).forEach(breaches::add);
        // Operation Encompass notices sent to a school and not acknowledged when the school day they were
        // due before has started: to the education safeguarding lead of the school's partnership (V70),
        // who must know which child and which incident to chase; raised for the police force whose
        // notification it is, by the Operation Encompass service (the same actor that sent the notice).
        jdbc.sql("""
                SELECT n.id, n.partnership_id, n.child_id, n.due_at, n.school_urn, n.education_agency_id, n.incident_at,
                       n.police_agency_id, c.given_name, c.family_name
                FROM encompass_notice n JOIN child c ON c.id = n.child_id
                WHERE n.status = 'sent' AND n.acknowledged_at IS NULL AND n.due_at < :now
                  AND n.superseded_by IS NULL AND NOT n.withdrawn AND n.education_agency_id IS NOT NULL
                  AND NOT\s""" + escalated(ENCOMPASS_NOTICE, "n.id"))
                .param("now", SqlTime.utc(now))
                .query((rs, n) -> {
                    Instant due = SqlTime.instant(rs, "due_at");
                    String child = Stream.of(rs.getString("given_name"), rs.getString("family_name"))
                            .filter(name -> name != null && !name.isBlank()).collect(Collectors.joining(" "));
                    return new Breach(rs.getString("partnership_id"), ENCOMPASS_NOTICE, rs.getObject("id", UUID.class),
                            rs.getObject("child_id", UUID.class), due,
                            "Operation Encompass notice about " + (child.isEmpty() ? "a child with no name recorded" : child)
                                    + " (incident " + local(SqlTime.instant(rs, "incident_at")) + ") to "
                                    + school(rs.getString("school_urn")) + " not acknowledged by the start of the school day, "
                                    + local(due),
                            rs.getString("education_agency_id"), EDUCATION_SAFEGUARDING_LEAD,
                            rs.getString("police_agency_id"), EncompassNotices.ACTOR); // the service that sent the notice
                })
                .list().forEach(breaches::add);
        return breaches;
    }

    private Breach breach(String partnershipId, String type, UUID id, UUID childId, ClockKind kind, Instant start, String what) {
        Instant due = countable(type, id, () -> contactClock.dueAt(kind, start));
        // Local time, as the contact summaries (issue 14, outside tester: return interviews read "since 2026-11-20T14:00:00Z").
        return new Breach(partnershipId, type, id, childId, due, due == null ? what : what + " since " + local(due));
    }

    /** The due time, or null (logged) when it needs a day the calendar does not cover. */
    private static Instant countable(String type, UUID id, Supplier<Instant> dueAt) {
        try {
            return dueAt.get();
        } catch (OutsideCalendar e) {
            log.warn("Timeliness sweep: the clock of {} {} cannot be counted, skipped: {}", type, id, e.getMessage());
            return null;
        }
    }

    private boolean raise(Breach breach, Instant now) {
        String mash = mashAgency(breach.partnershipId());
        Actor sweeper = new Actor(SWEEPER, mash, "system", null);
        UUID source = messages.record(sweeper, "timeliness-breach", breach.subjectType() + "/" + breach.subjectId(),
                "{\"dueAt\":\"" + breach.dueAt() + "\"}");
        Instant stageDue = policy.timeliness().furtherPeriod().dueAt(now, contactClock.calendar());
        boolean raised = escalations.raise(new Escalations.NewEscalation(breach.partnershipId(), Codes.of(Escalation.Kind.TIMELINESS),
                breach.subjectType(), breach.subjectId(), breach.childId(), breach.summary(),
                breach.raisedByAgencyId() == null ? mash : breach.raisedByAgencyId(),
                breach.raisedBy() == null ? SWEEPER : breach.raisedBy(),
                breach.addressedToAgencyId() == null ? mash : breach.addressedToAgencyId(),
                breach.addressedToRole() == null ? policy.timeliness().addressedToRole() : breach.addressedToRole(),
                stageDue, source), sweeper, now).isPresent();
        if (!raised) {
            // Another node raised it first: drop our provenance message too, so nothing half-done is kept.
            throw new AlreadyRaised();
        }
        return true;
    }

    /** Open stage-1 timeliness escalations past their stage due time go to the next role (head of service). */
    private int moveOverdueToNextRole(Instant now) {
        List<UUID> due = jdbc.sql("""
                SELECT id FROM escalation WHERE kind = 'timeliness' AND status = 'open' AND stage = 1 AND stage_due_at < :now
                FOR UPDATE SKIP LOCKED""").param("now", SqlTime.utc(now)).query(UUID.class).list();
        int moved = 0;
        for (UUID id : due) {
            Escalation e = escalations.find(id, false).orElseThrow();
            Actor sweeper = new Actor(SWEEPER, e.addressedToAgencyId(), "system", null);
            Instant stageDue = countable("escalation", id, () -> policy.timeliness().furtherPeriod().dueAt(now, contactClock.calendar()));
            if (stageDue == null) {
                continue;
            }
            escalations.changeStage(e, 2, policy.timeliness().nextRole(), stageDue, sweeper, now,
                    "still open after " + policy.timeliness().furtherPeriod().words());
            moved++;
        }
        return moved;
    }

    /**
     * Timeliness escalations about contacts decided since (late) are resolved as completed, and those
     * about Operation Encompass notices the school has since acknowledged.
     */
    private int completeDone(Instant now) {
        List<UUID> acknowledged = jdbc.sql("""
                SELECT e.id FROM escalation e JOIN encompass_notice n ON n.id = e.subject_id
                WHERE e.kind = 'timeliness' AND e.status = 'open' AND e.subject_type = :type
                  AND (n.acknowledged_at IS NOT NULL OR n.superseded_by IS NOT NULL)
                FOR UPDATE OF e SKIP LOCKED""").param("type", ENCOMPASS_NOTICE).query(UUID.class).list();
        for (UUID id : acknowledged) {
            Escalation e = escalations.find(id, false).orElseThrow();
            escalations.resolve(e, "completed", new Actor(SWEEPER, e.addressedToAgencyId(), "system", null), now,
                    "the school acknowledged the notice (late), or a correction of it replaced it");
        }
        List<UUID> done = jdbc.sql("""
                SELECT e.id FROM escalation e JOIN contact c ON c.id = e.subject_id
                WHERE e.kind = 'timeliness' AND e.status = 'open' AND e.subject_type = 'contact' AND\s""" + ContactStates.DECIDED + """
                 FOR UPDATE OF e SKIP LOCKED""").query(UUID.class).list();
        for (UUID id : done) {
            Escalation e = escalations.find(id, false).orElseThrow();
            escalations.resolve(e, "completed", new Actor(SWEEPER, e.addressedToAgencyId(), "system", null), now,
                    "threshold decision recorded (late)");
        }
        return done.size() + acknowledged.size();
    }

    private String mashAgency(String partnershipId) {
        return registry.agencies().stream()
                .filter(a -> a.kind() == AgencyKind.SOCIAL_CARE && a.serves(partnershipId))
                .map(org.safeguarding.hub.partner.Agency::id).sorted().findFirst()
                .orElseThrow(() -> new IllegalStateException("partnership " + partnershipId
                        + " has no social-care agency in partners.yml to address escalations to"));
    }

    private static String escalated(String type, String idColumn) {
        return "EXISTS (SELECT 1 FROM escalation x WHERE x.kind = 'timeliness' AND x.subject_type = '" + type
                + "' AND x.subject_id = " + idColumn + ")";
    }

    /** Rolls back a raise that lost the race to another node. */
    static final class AlreadyRaised extends RuntimeException {
        AlreadyRaised() {
            super(null, null, false, false);
        }
    }
}
