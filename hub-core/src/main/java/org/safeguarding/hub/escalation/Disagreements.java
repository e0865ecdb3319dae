package org.safeguarding.hub.escalation;

import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.mash.ActionMessages;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.mash.Contact;
import org.safeguarding.hub.mash.ContactStates;
import org.safeguarding.hub.mash.Contacts;
import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.validation.Codes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Professional disagreements (004:L2219-2470): a partner challenges a MASH decision on its own
 * referral, e.g. "submitted at level 4 and screened at a lower level" (004:L2469). The challenge
 * moves through the configured stages, each due a number of working days after it starts, and a
 * MASH lead resolves it as upheld, changed-decision or withdrawn. Every step is a transition,
 * recorded with who and when, audited, and published to the agencies involved.
 */
public final class Disagreements {

    private static final String KIND = Codes.of(Escalation.Kind.PROFESSIONAL_DISAGREEMENT);

    private static final Set<String> OUTCOMES = Set.of("upheld", "changed-decision", "withdrawn");
    /** How a lead closes a timeliness escalation (the sweep's own is completed). */
    private static final Set<String> TIMELINESS_OUTCOMES = Set.of("completed", "not-needed");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ActionMessages messages;
    private final Escalations escalations;
    private final AuditTrail audit;
    private final EscalationPolicy policy;
    private final WorkingCalendar calendar;
    private final Clock clock;

    public Disagreements(JdbcClient jdbc, TransactionTemplate tx, ActionMessages messages, Escalations escalations,
                         AuditTrail audit, EscalationPolicy policy, WorkingCalendar calendar, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.messages = messages;
        this.escalations = escalations;
        this.audit = audit;
        this.policy = policy;
        this.calendar = calendar;
        this.clock = clock;
    }

    /** A partner challenges the decision on one of its own referrals; returns the escalation id. */
    public UUID raise(Actor partner, UUID contactId, String summary, String requestJson) {
        if (summary == null || summary.isBlank()) {
            throw MashRefusal.invalid("summary", "say what is disputed and why");
        }
        return tx.execute(status -> {
            Contact contact = new Contacts(jdbc).find(contactId)
                    .orElseThrow(() -> MashRefusal.notFound("no contact " + contactId));
            if (!contact.referrerAgencyId().equals(partner.agencyId())) {
                throw MashRefusal.forbidden("an agency may only challenge decisions on its own referrals");
            }
            String decidedBy = jdbc.sql("""
                    SELECT d.source_agency_id FROM contact c
                    JOIN contact s ON s.superseded_by IS NULL AND\s""" + ContactStates.versionOfC("s") + """
                    \sJOIN threshold_decision d ON d.id = s.decision_id WHERE c.id = :contact""")
                    .param("contact", contactId).query(String.class).optional()
                    .orElseThrow(() -> MashRefusal.conflict("contact " + contactId + " has no decision to challenge yet"));
            boolean open = jdbc.sql("""
                    SELECT count(*) FROM escalation WHERE kind = 'professional-disagreement' AND subject_type = 'contact'
                      AND subject_id = :contact AND status = 'open'""").param("contact", contactId).query(Long.class).single() > 0;
            if (open) {
                throw MashRefusal.conflict("a disagreement about contact " + contactId + " is already open");
            }
            Instant now = clock.instant();
            UUID source = messages.record(partner, "disagreement.raise", "contact/" + contactId, requestJson);
            EscalationPolicy.Stage first = policy.stage(1);
            UUID id = escalations.raise(new Escalations.NewEscalation(contact.partnershipId(), KIND,
                    "contact", contactId, contact.childId(), summary, partner.agencyId(), partner.name(), decidedBy,
                    first.addressedToRole(), stageDue(now, first), source), partner, now).orElseThrow();
            audit.append(partner.audit("disagreement.raise", "contact", contactId));
            return id;
        });
    }

    /** Moves an open disagreement to its next stage (either side may escalate). */
    public Escalation escalate(Actor actor, UUID escalationId, String note, String requestJson) {
        return tx.execute(status -> {
            Escalation e = open(escalationId);
            if (e.stage() >= policy.lastStage()) {
                throw MashRefusal.conflict("already at the last stage (" + policy.stage(e.stage()).name() + ")");
            }
            Instant now = clock.instant();
            messages.record(actor, "disagreement.escalate", "escalation/" + escalationId, requestJson);
            EscalationPolicy.Stage next = policy.stage(e.stage() + 1);
            escalations.changeStage(e, next.stage(), next.addressedToRole(), stageDue(now, next), actor, now, note);
            audit.append(actor.audit("disagreement.escalate", "contact", e.subjectId()));
            return escalations.find(escalationId, false).orElseThrow();
        });
    }

    /**
     * A MASH lead resolves an open escalation: a disagreement as upheld, changed-decision or withdrawn; a
     * timeliness escalation as completed (the overdue work is done) or not-needed (issue 14: the sweep was the
     * only way to close one, and a lead could not). 400 naming {@code outcome} for an outcome of the other kind;
     * 409 when it is already resolved.
     */
    public Escalation resolve(Actor lead, UUID escalationId, String outcome, String note, String requestJson) {
        return tx.execute(status -> {
            Escalation e = open(escalationId, true);
            Set<String> allowed = KIND.equals(e.kind()) ? OUTCOMES : TIMELINESS_OUTCOMES;
            if (outcome == null || !allowed.contains(outcome)) {
                throw MashRefusal.invalid("outcome", "one of " + String.join(", ", allowed.stream().sorted().toList()));
            }
            Instant now = clock.instant();
            String action = KIND.equals(e.kind()) ? "disagreement.resolve" : "timeliness.resolve";
            messages.record(lead, action, "escalation/" + escalationId, requestJson);
            escalations.resolve(e, outcome, lead, now, note);
            audit.append(lead.audit(action, e.subjectType(), e.subjectId()));
            return escalations.find(escalationId, false).orElseThrow();
        });
    }

    /** One escalation with its transitions; the read is audited. */
    public Escalation view(Actor actor, UUID escalationId) {
        return tx.execute(status -> {
            Escalation e = Escalations.require(escalations.find(escalationId, false), escalationId);
            audit.append(actor.audit("escalation.read", "escalation", escalationId));
            return e;
        });
    }

    /** A partnership's escalations, newest first; the read is audited. */
    public java.util.List<Escalation> list(Actor actor, String partnershipId, String status, String kind, int limit) {
        return tx.execute(s -> {
            audit.append(actor.audit("escalation.list", "partnership", partnershipId));
            return escalations.list(partnershipId, status, kind, limit);
        });
    }

    private Escalation open(UUID id) {
        return open(id, false);
    }

    /** The open escalation {@code id}: a disagreement, or (when {@code anyKind}) a timeliness escalation too. */
    private Escalation open(UUID id, boolean anyKind) {
        Escalation e = Escalations.require(escalations.find(id, true), id);
        if (!anyKind && !KIND.equals(e.kind())) {
            throw MashRefusal.notFound("no professional disagreement " + id);
        }
        if (!Codes.of(Escalation.Status.OPEN).equals(e.status())) {
            throw MashRefusal.conflict("escalation " + id + " is already resolved (" + e.outcome() + ")");
        }
        return e;
    }

    /** The end of the stage's last working day, counted from the day it starts. */
    private Instant stageDue(Instant start, EscalationPolicy.Stage stage) {
        return calendar.endOfWorkingDaysAfter(calendar.localDate(start), stage.dueWorkingDays());
    }
}
