package org.safeguarding.hub.mash;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.pathway.Referrals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The MASH's recording actions: RAG rating, threshold decision, strategy discussion, step-up and
 * step-down, requests for partner information. Each runs in one transaction that writes the record
 * (with its provenance message), appends to the audit trail and queues the notices it causes; a
 * refusal ({@link MashRefusal}) writes nothing.
 */
public final class MashDesk {

    /**
     * A recorded decision, when it was due and whether it was in time; {@code referralId} is the
     * referral a referring decision made or kept (null otherwise): the council's extract names it
     * as {@code mashReferralId} (docs/pathway.md).
     */
    public record DecisionResult(UUID decisionId, UUID contactId, Instant dueAt, boolean timely, boolean held,
                                 UUID referralId) {
    }

    /** A recorded rating and the due time it sets. */
    public record RatingResult(UUID ratingId, Instant dueAt) {
    }

    /**
     * A recorded strategy discussion and, when it follows a referral (the contact's, or one the
     * strategy-discussion rule of pathway.yml links it to), whether it was within the
     * strategy-discussion clock of that referral (001:L3757); otherwise both are null.
     */
    public record StrategyResult(UUID strategyDiscussionId, Instant dueAt, Boolean timely) {
    }

    /**
     * A contact for the MASH screen: its current version, its state (ContactStates: rating, due
     * time of the threshold decision, overdue now) and its current decision, null while undecided.
     */
    public record ContactView(Contact contact, RagRating rag, Instant dueAt, boolean overdue, RecordedDecision decision) {
    }

    /** A contact's current threshold decision as recorded (level of need 1-4, outcome code). */
    public record RecordedDecision(UUID id, int levelOfNeed, String outcome, String rationale, String decidedBy,
                                   Instant decidedAt, String contactPerson) {
    }

    /** An attendance line of a strategy discussion (001:L3757: social care, police, health as a minimum). */
    public record Attendance(String agencyId, boolean attended) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ActionMessages messages;
    private final AuditTrail audit;
    private final Notices notices;
    private final Contacts contacts;
    private final ContactStates states;
    private final ContactClock contactClock;
    private final PartnerRegistry registry;
    private final Clock clock;
    private final Referrals referrals;

    public MashDesk(JdbcClient jdbc, TransactionTemplate tx, ActionMessages messages, AuditTrail audit, Notices notices,
                    ContactClock contactClock, PartnerRegistry registry, Clock clock, Referrals referrals) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.messages = messages;
        this.audit = audit;
        this.notices = notices;
        this.contacts = new Contacts(jdbc);
        this.states = new ContactStates(jdbc, contactClock);
        this.contactClock = contactClock;
        this.registry = registry;
        this.clock = clock;
        this.referrals = referrals;
    }

    /**
     * Rates a contact; a later rating supersedes the earlier one. The rating's clock runs from the
     * contact's first received time (ContactStates), whichever version is rated.
     */
    public RatingResult rate(Actor actor, String partnershipId, UUID contactId, RagRating rating, String requestJson) {
        return tx.execute(status -> {
            Contact contact = contacts.current(contact(partnershipId, contactId));
            Instant now = clock.instant();
            UUID source = messages.record(actor, "rag-rating", "contact/" + contact.id(), requestJson);
            UUID id = UUID.randomUUID();
            // Two practitioners re-rating at once take turns here, so each supersedes the rating
            // current when it runs and one stays current (rag_rating_current, V43). NO KEY UPDATE
            // leaves the contact free for the key checks of rows that point at it.
            jdbc.sql("SELECT 1 FROM contact WHERE id = ? FOR NO KEY UPDATE").param(contact.id()).query(Integer.class).single();
            Instant due = states.rated(contact.id(), rating);
            jdbc.sql("SET CONSTRAINTS rag_rating_superseded_by_fkey DEFERRED").update();
            jdbc.sql("UPDATE rag_rating SET superseded_by = ? WHERE contact_id = ? AND superseded_by IS NULL")
                    .params(id, contact.id()).update();
            jdbc.sql("""
                    INSERT INTO rag_rating (id, partnership_id, contact_id, rating, rated_at, rated_by, due_at,
                                            source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)
                    """).params(id, partnershipId, contact.id(), rating.code(), utc(now), actor.name(), utc(due),
                    actor.agencyId(), source, utc(now)).update();
            audit.append(actor.audit("rag-rating.record", "contact", contact.id()));
            return new RatingResult(id, due);
        });
    }

    /**
     * Records a threshold decision and, in the same transaction, the notice to the referrer. A
     * contact that already has a decision is changed only when {@code replacesDecisionId} names the
     * current one (so two people deciding at once cannot both win silently).
     */
    public DecisionResult decide(Actor actor, String partnershipId, ThresholdDecision decision, UUID replacesDecisionId,
                                 String requestJson) {
        check(decision);
        return tx.execute(status -> {
            Contact contact = contacts.current(contact(partnershipId, decision.contactId()));
            UUID current = currentDecision(contact.id());
            if (current != null && !current.equals(replacesDecisionId)) {
                throw MashRefusal.conflict("contact " + contact.id() + " already has decision " + current
                        + "; to change it send replacesDecisionId " + current);
            }
            if (current == null && replacesDecisionId != null) {
                throw MashRefusal.invalid("replacesDecisionId", "the contact has no decision to replace");
            }
            // A decision cannot precede the contact it decides (received_at is the first receipt,
            // ContactStates): backdating it would also move a referral into a closed period.
            if (decision.decidedAt().isBefore(contact.receivedAt())) {
                throw MashRefusal.invalid("decidedAt", "is before the MASH received the contact (" + contact.receivedAt() + ")");
            }
            UUID source = messages.record(actor, "threshold-decision", "contact/" + contact.id(), requestJson);
            UUID id = insertDecision(actor, partnershipId, contact.id(), decision, source);
            audit.append(actor.audit(current == null ? "threshold-decision.record" : "threshold-decision.change",
                    "contact", contact.id()));
            Instant due = dueAt(contact);
            notifyReferrer(contact, id, decision, due);
            return new DecisionResult(id, contact.id(), due, !decision.decidedAt().isAfter(due), false,
                    referrals.ofContact(contact.id()));
        });
    }

    /**
     * Late data: a decision on a partner's record that the feed has not delivered yet. It is held
     * (keyed by the referrer's record id) and applied by {@link #applyHeldDecisions} when the contact
     * arrives; the referrer's notice goes then, with the real contact's due time.
     */
    public DecisionResult hold(Actor actor, String partnershipId, String referrerAgencyId, String partnerRecordId,
                               ThresholdDecision decision, String requestJson) {
        check(decision);
        if (registry.agency(referrerAgencyId).filter(a -> a.serves(partnershipId)).isEmpty()) {
            throw MashRefusal.invalid("referrerAgencyId", "no agency '" + referrerAgencyId + "' serves " + partnershipId);
        }
        return tx.execute(status -> {
            if (contacts.byPartnerRecord(partnershipId, referrerAgencyId, partnerRecordId).isPresent()) {
                throw MashRefusal.conflict("the contact " + partnerRecordId + " has arrived; record the decision on it");
            }
            UUID source = messages.record(actor, "held-decision", referrerAgencyId + "/" + partnerRecordId, requestJson);
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            int stored = jdbc.sql("""
                    INSERT INTO held_decision (id, partnership_id, referrer_agency_id, partner_record_id, level_of_need,
                        outcome, rationale, contact_person, decided_by, decided_at, source_agency_id, source_message_id,
                        recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (referrer_agency_id, partner_record_id) DO NOTHING
                    """).params(id, partnershipId, referrerAgencyId, partnerRecordId, decision.levelOfNeed().value(),
                    decision.outcome().code(), decision.rationale(), decision.contactPerson(), decision.decidedBy(),
                    utc(decision.decidedAt()), actor.agencyId(), source, utc(now)).update();
            if (stored == 0) {
                throw MashRefusal.conflict("a decision on " + referrerAgencyId + "/" + partnerRecordId + " is already held");
            }
            audit.append(actor.audit("threshold-decision.hold", "held-decision", id));
            return new DecisionResult(id, null, null, true, true, null);
        });
    }

    /** Turns held decisions whose contact has now arrived into threshold decisions; returns how many. */
    public int applyHeldDecisions(Actor system) {
        List<UUID> held = jdbc.sql("""
                SELECT h.id FROM held_decision h JOIN contact c ON c.source_agency_id = h.referrer_agency_id
                  AND c.partner_record_id = h.partner_record_id AND c.partnership_id = h.partnership_id
                  AND c.superseded_by IS NULL
                WHERE h.applied_decision_id IS NULL""").query(UUID.class).list();
        int applied = 0;
        for (UUID id : held) {
            applied += Boolean.TRUE.equals(tx.execute(status -> applyHeld(system, id))) ? 1 : 0;
        }
        return applied;
    }

    private boolean applyHeld(Actor system, UUID heldId) {
        var row = jdbc.sql("SELECT * FROM held_decision WHERE id = ? AND applied_decision_id IS NULL FOR UPDATE SKIP LOCKED")
                .param(heldId).query().singleRow();
        if (row.isEmpty()) {
            return false;
        }
        Contact contact = contacts.byPartnerRecord((String) row.get("partnership_id"), (String) row.get("referrer_agency_id"),
                (String) row.get("partner_record_id")).orElseThrow();
        if (currentDecision(contact.id()) != null) {
            return false; // decided on the contact meanwhile; the held one stays unapplied for review
        }
        ThresholdDecision decision = new ThresholdDecision(contact.id(),
                new LevelOfNeed(((Number) row.get("level_of_need")).intValue()),
                DecisionOutcome.of((String) row.get("outcome")).orElseThrow(), (String) row.get("rationale"),
                (String) row.get("decided_by"), ((java.sql.Timestamp) row.get("decided_at")).toInstant(),
                (String) row.get("contact_person"));
        UUID id = insertDecision(new Actor(system.name(), (String) row.get("source_agency_id"), system.role(), null),
                contact.partnershipId(), contact.id(), decision, (UUID) row.get("source_message_id"));
        jdbc.sql("UPDATE held_decision SET applied_decision_id = ? WHERE id = ?").params(id, heldId).update();
        audit.append(system.audit("threshold-decision.apply-held", "contact", contact.id()));
        notifyReferrer(contact, id, decision, dueAt(contact));
        return true;
    }

    /** Records a strategy discussion with attendance by agency. */
    public StrategyResult recordStrategyDiscussion(Actor actor, String partnershipId, UUID childId, UUID contactId, Instant heldAt,
                                         List<Attendance> attendance, String requestJson) {
        notInFuture("heldAt", heldAt);
        for (int i = 0; i < attendance.size(); i++) {
            if (registry.agency(attendance.get(i).agencyId()).isEmpty()) {
                throw MashRefusal.invalid("attendance[" + i + "].agency", "unknown agency '" + attendance.get(i).agencyId() + "'");
            }
        }
        if (attendance.stream().map(Attendance::agencyId).distinct().count() != attendance.size()) {
            throw MashRefusal.invalid("attendance", "an agency is listed twice");
        }
        return tx.execute(status -> {
            requireChild(partnershipId, childId);
            if (contactId != null && !contact(partnershipId, contactId).childId().equals(childId)) {
                throw MashRefusal.invalid("contactId", "the contact is about another child");
            }
            UUID source = messages.record(actor, "strategy-discussion", "child/" + childId, requestJson);
            UUID id = UUID.randomUUID();
            OffsetDateTime now = utc(clock.instant());
            jdbc.sql("""
                    INSERT INTO strategy_discussion (id, partnership_id, child_id, contact_id, held_at, source_agency_id,
                                                     source_message_id, source_position, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                    .params(id, partnershipId, childId, contactId, utc(heldAt), actor.agencyId(), source, now).update();
            for (Attendance a : attendance) {
                jdbc.sql("""
                        INSERT INTO strategy_discussion_attendance (strategy_discussion_id, agency_id, attended,
                            source_agency_id, source_message_id, source_position, recorded_at)
                        VALUES (?, ?, ?, ?, ?, 0, ?)""")
                        .params(id, a.agencyId(), a.attended(), actor.agencyId(), source, now).update();
            }
            referrals.discussionRecorded(childId); // -> the contact's referral, else by rule (docs/pathway.md)
            audit.append(actor.audit("strategy-discussion.record", "child", childId));
            // Due from the referral the discussion follows, however it was linked (the contact's, or by rule).
            Instant referredAt = jdbc.sql("""
                    SELECT r.referred_at FROM strategy_discussion sd JOIN referral r ON r.id = sd.referral_id
                    WHERE sd.id = ?""").param(id).query(java.sql.Timestamp.class).optional()
                    .map(java.sql.Timestamp::toInstant).orElse(null);
            Instant due = referredAt == null ? null : contactClock.dueAt(ClockKind.STRATEGY_DISCUSSION, referredAt);
            return new StrategyResult(id, due, due == null ? null : !heldAt.isAfter(due));
        });
    }

    /**
     * Records a step-up or step-down and tells every agency involved with the child (004:L2019:
     * stepping down "without partners being informed led to confusion").
     */
    public UUID stepChange(Actor actor, String partnershipId, UUID childId, String direction, String fromService,
                           String toService, String reason, String requestJson) {
        if (!"step-up".equals(direction) && !"step-down".equals(direction)) {
            throw MashRefusal.invalid("direction", "one of step-up, step-down");
        }
        requireText("fromService", fromService);
        requireText("toService", toService);
        requireText("reason", reason);
        return tx.execute(status -> {
            requireChild(partnershipId, childId);
            UUID source = messages.record(actor, direction, "child/" + childId, requestJson);
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            jdbc.sql("""
                    INSERT INTO step_change (id, partnership_id, child_id, direction, from_service, to_service, reason,
                        decided_by, decided_at, source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                    .params(id, partnershipId, childId, direction, fromService, toService, reason, actor.name(),
                            utc(now), actor.agencyId(), source, utc(now)).update();
            audit.append(actor.audit(direction + ".record", "child", childId));
            ObjectNode body = Notices.body(direction);
            body.put("stepChangeId", id.toString());
            body.put("childId", childId.toString());
            body.put("fromService", fromService);
            body.put("toService", toService);
            body.put("reason", reason);
            body.put("decidedBy", actor.name());
            body.put("decidedAt", now.toString());
            body.put("contactAgency", actor.agencyId());
            notices.send(partnershipId, agenciesInvolved(childId, actor.agencyId()), "step:" + id, body);
            return id;
        });
    }

    /** Records that the MASH asked {@code agencyId} for information about a contact. */
    public UUID requestInformation(Actor actor, String partnershipId, UUID contactId, String agencyId, String requestJson) {
        if (registry.agency(agencyId).isEmpty()) {
            throw MashRefusal.invalid("agency", "unknown agency '" + agencyId + "'");
        }
        return tx.execute(status -> {
            Contact contact = contacts.current(contact(partnershipId, contactId));
            UUID source = messages.record(actor, "information-request", "contact/" + contact.id(), requestJson);
            UUID id = UUID.randomUUID();
            OffsetDateTime now = utc(clock.instant());
            jdbc.sql("""
                    INSERT INTO information_request (id, partnership_id, contact_id, agency_id, requested_at, requested_by,
                        source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                    .params(id, partnershipId, contact.id(), agencyId, now, actor.name(), actor.agencyId(), source, now)
                    .update();
            audit.append(actor.audit("information-request.record", "contact", contact.id()));
            return id;
        });
    }

    /** Records that the information asked for has arrived. */
    public void informationReceived(Actor actor, String partnershipId, UUID requestId) {
        tx.executeWithoutResult(status -> {
            UUID contactId = jdbc.sql("""
                    UPDATE information_request SET received_at = ? WHERE id = ? AND partnership_id = ?
                      AND received_at IS NULL RETURNING contact_id""")
                    .params(utc(clock.instant()), requestId, partnershipId).query(UUID.class).optional()
                    .orElseThrow(() -> MashRefusal.notFound("no open information request " + requestId));
            audit.append(actor.audit("information-request.received", "contact", contactId));
        });
    }

    /** A contact with its state and decision, for the MASH screen; the read is audited. */
    public ContactView view(Actor actor, String partnershipId, UUID contactId) {
        return tx.execute(status -> {
            Contact contact = contacts.current(contact(partnershipId, contactId));
            audit.append(actor.audit("contact.read", "contact", contact.id()));
            ContactStates.State state = states.of(contact.id(), clock).orElseThrow();
            RecordedDecision decision = state.decisionId() == null ? null : jdbc.sql("""
                    SELECT id, level_of_need, outcome, rationale, decided_by, decided_at, contact_person
                    FROM threshold_decision WHERE id = ?""").param(state.decisionId())
                    .query((rs, n) -> new RecordedDecision(rs.getObject("id", UUID.class), rs.getInt("level_of_need"),
                            rs.getString("outcome"), rs.getString("rationale"), rs.getString("decided_by"),
                            rs.getTimestamp("decided_at").toInstant(), rs.getString("contact_person"))).single();
            return new ContactView(contact, state.rating(), state.dueAt(), state.overdue(), decision);
        });
    }

    /** The contact's due time as its state holds it (ContactStates). */
    private Instant dueAt(Contact contact) {
        return states.of(contact.id(), clock).orElseThrow().dueAt();
    }

    private UUID insertDecision(Actor actor, String partnershipId, UUID contactId, ThresholdDecision d, UUID source) {
        UUID id = UUID.randomUUID();
        jdbc.sql("SET CONSTRAINTS threshold_decision_superseded_by_fkey DEFERRED").update();
        jdbc.sql("""
                UPDATE threshold_decision SET superseded_by = ? WHERE superseded_by IS NULL AND contact_id IN
                  (SELECT v.id FROM contact c JOIN contact v ON v.id = c.id OR (v.source_agency_id = c.source_agency_id
                     AND v.partner_record_id = c.partner_record_id) WHERE c.id = ?)""").params(id, contactId).update();
        jdbc.sql("""
                INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale,
                    decided_by, decided_at, contact_person, source_agency_id, source_message_id, source_position, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)""")
                .params(id, partnershipId, contactId, d.levelOfNeed().value(), d.outcome().code(), d.rationale(),
                        d.decidedBy(), utc(d.decidedAt()), d.contactPerson(), actor.agencyId(), source,
                        utc(clock.instant())).update();
        // The referral it makes, keeps or withdraws, in this transaction (docs/pathway.md).
        referrals.decided(contactId, id, d.outcome().refersToSocialCare(), d.decidedAt(), actor.agencyId(), source);
        states.decided(contactId, id);
        return id;
    }

    /** 002:L184 "Feedback to referrers": outcome, level and whom to contact, to the referring agency. */
    private void notifyReferrer(Contact contact, UUID decisionId, ThresholdDecision d, Instant dueAt) {
        ObjectNode body = Notices.body("threshold-decision");
        body.put("decisionId", decisionId.toString());
        body.put("contactId", contact.id().toString());
        body.put("yourReference", contact.partnerRecordId());
        body.put("referrerLevelOfNeed", contact.referrerLevelOfNeed());
        body.put("levelOfNeed", d.levelOfNeed().value());
        body.put("outcome", d.outcome().code());
        body.put("decidedAt", d.decidedAt().toString());
        body.put("decidedBy", d.decidedBy());
        body.put("whoToContact", d.contactPerson() == null ? d.decidedBy() : d.contactPerson());
        body.put("decisionDueAt", dueAt.toString());
        body.put("feedbackDueAt", contactClock.dueAt(ClockKind.REFERRER_FEEDBACK, d.decidedAt()).toString());
        notices.send(contact.partnershipId(), List.of(contact.referrerAgencyId()), "decision:" + decisionId, body);
    }

    /** Agencies that referred the child, supplied its records or attended its strategy discussions. */
    List<String> agenciesInvolved(UUID childId, String except) {
        return jdbc.sql("""
                SELECT referrer_agency_id FROM contact WHERE child_id = :child
                UNION SELECT source_agency_id FROM contact WHERE child_id = :child
                UNION SELECT a.agency_id FROM strategy_discussion_attendance a
                      JOIN strategy_discussion s ON s.id = a.strategy_discussion_id WHERE s.child_id = :child AND a.attended
                UNION SELECT source_agency_id FROM child WHERE id = :child""")
                .param("child", childId).query(String.class).list().stream()
                .filter(a -> !a.equals(except)).sorted().toList();
    }

    /** The contact's current decision across its versions (its state), or null. */
    private UUID currentDecision(UUID contactId) {
        return states.of(contactId, clock).orElseThrow().decisionId();
    }

    private Contact contact(String partnershipId, UUID contactId) {
        return contacts.find(partnershipId, contactId)
                .orElseThrow(() -> MashRefusal.notFound("no contact " + contactId + " in partnership " + partnershipId));
    }

    private void requireChild(String partnershipId, UUID childId) {
        if (jdbc.sql("SELECT count(*) FROM child WHERE id = ? AND partnership_id = ?").params(childId, partnershipId)
                .query(Long.class).single() == 0) {
            throw MashRefusal.notFound("no child " + childId + " in partnership " + partnershipId);
        }
    }

    private void check(ThresholdDecision d) {
        if (!d.outcome().allows(d.levelOfNeed())) {
            throw MashRefusal.invalid("outcome", d.outcome().code() + " needs level of need 4 (004:L1785)");
        }
        requireText("rationale", d.rationale());
        notInFuture("decidedAt", d.decidedAt());
    }

    private void notInFuture(String field, Instant at) {
        if (at.isAfter(clock.instant().plusSeconds(60))) {
            throw MashRefusal.invalid(field, "is in the future");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw MashRefusal.invalid(field, "is required");
        }
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
