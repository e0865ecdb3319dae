package org.safeguarding.hub.mash;

import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.pathway.Referrals;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The MASH's recording actions: RAG rating, threshold decision, strategy discussion, step-up and
 * step-down, requests for partner information. Each runs in one transaction that writes the record
 * (with its provenance message), appends to the audit trail and queues the notices it causes; a
 * refusal ({@link MashRefusal}) writes nothing. What a contact looks like is read by {@link ContactViews}; what
 * the MASH records about a child (strategy discussions, step changes) is read back here, by the API.
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
            jdbc.sql("SELECT 1 FROM contact WHERE id = :id FOR NO KEY UPDATE").param("id", contact.id())
                    .query(Integer.class).single();
            Instant due = states.rated(contact.id(), rating);
            jdbc.sql("SET CONSTRAINTS rag_rating_superseded_by_fkey DEFERRED").update();
            jdbc.sql("UPDATE rag_rating SET superseded_by = :id WHERE contact_id = :contact AND superseded_by IS NULL")
                    .param("id", id).param("contact", contact.id()).update();
            jdbc.sql("""
                    INSERT INTO rag_rating (id, partnership_id, contact_id, rating, rated_at, rated_by, due_at,
                                            source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (:id, :partnership, :contact, :rating, :now, :by, :due, :agency, :source, 0, :now)
                    """).param("id", id).param("partnership", partnershipId).param("contact", contact.id())
                    .param("rating", rating.code()).param("now", SqlTime.utc(now)).param("by", actor.name())
                    .param("due", SqlTime.utc(due)).param("agency", actor.agencyId()).param("source", source).update();
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
            // One decision at a time per contact: without this lock two leads deciding at once both read
            // "no decision", and the later silently superseded the earlier (both got 201; FailureAnswersTest).
            jdbc.sql("SELECT id FROM contact WHERE id = :contact FOR UPDATE").param("contact", contact.id())
                    .query(UUID.class).list();
            UUID current = currentDecision(contact.id());
            if (current != null && !current.equals(replacesDecisionId)) {
                throw MashRefusal.conflict("contact " + contact.id() + " already has decision " + current
                        + "; to change it send replacesDecisionId " + current);
            }
            if (current == null && replacesDecisionId != null) {
                throw MashRefusal.invalid("replacesDecisionId", "the contact has no decision to replace");
            }
            notBeforeContact("decidedAt", decision.decidedAt(), contact);
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
            throw MashRefusal.invalid("referrerAgency", "no agency '" + referrerAgencyId + "' serves " + partnershipId);
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
                    VALUES (:id, :partnership, :referrer, :record, :level, :outcome, :rationale, :contactPerson,
                            :decidedBy, :decidedAt, :agency, :source, :now)
                    ON CONFLICT (referrer_agency_id, partner_record_id) DO NOTHING
                    """).param("id", id).param("partnership", partnershipId).param("referrer", referrerAgencyId)
                    .param("record", partnerRecordId).param("level", decision.levelOfNeed().value())
                    .param("outcome", decision.outcome().code()).param("rationale", decision.rationale())
                    .param("contactPerson", decision.contactPerson()).param("decidedBy", decision.decidedBy())
                    .param("decidedAt", SqlTime.utc(decision.decidedAt())).param("agency", actor.agencyId())
                    .param("source", source).param("now", SqlTime.utc(now)).update();
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
        Held held = jdbc.sql("""
                SELECT * FROM held_decision WHERE id = :id AND applied_decision_id IS NULL FOR UPDATE SKIP LOCKED""")
                .param("id", heldId).query((rs, n) -> new Held(rs.getString("partnership_id"),
                        rs.getString("referrer_agency_id"), rs.getString("partner_record_id"), rs.getInt("level_of_need"),
                        rs.getString("outcome"), rs.getString("rationale"), rs.getString("decided_by"),
                        SqlTime.instant(rs, "decided_at"), rs.getString("contact_person"), rs.getString("source_agency_id"),
                        rs.getObject("source_message_id", UUID.class))).optional().orElse(null);
        if (held == null) {
            return false;
        }
        Contact contact = contacts.byPartnerRecord(held.partnershipId(), held.referrerAgencyId(), held.partnerRecordId())
                .orElseThrow();
        if (currentDecision(contact.id()) != null) {
            return false; // decided on the contact meanwhile; the held one stays unapplied for review
        }
        ThresholdDecision decision = new ThresholdDecision(contact.id(), new LevelOfNeed(held.levelOfNeed()),
                DecisionOutcome.of(held.outcome()).orElseThrow(), held.rationale(), held.decidedBy(), held.decidedAt(),
                held.contactPerson());
        UUID id = insertDecision(new Actor(system.name(), held.sourceAgencyId(), system.role(), null),
                contact.partnershipId(), contact.id(), decision, held.sourceMessageId());
        jdbc.sql("UPDATE held_decision SET applied_decision_id = :decision WHERE id = :id")
                .param("decision", id).param("id", heldId).update();
        audit.append(system.audit("threshold-decision.apply-held", "contact", contact.id()));
        notifyReferrer(contact, id, decision, dueAt(contact));
        return true;
    }

    /** A held decision as stored (V30 held_decision), read to apply it. */
    private record Held(String partnershipId, String referrerAgencyId, String partnerRecordId, int levelOfNeed,
                        String outcome, String rationale, String decidedBy, Instant decidedAt, String contactPerson,
                        String sourceAgencyId, UUID sourceMessageId) {
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
            // The contact the discussion follows: the one named; else PathwayLinks links it by rule to a
            // referral of one of the child's contacts, none of which precedes the child's first (issue 14).
            Contact about;
            if (contactId != null) {
                about = contacts.current(contact(partnershipId, contactId));
                if (!about.childId().equals(childId)) {
                    throw MashRefusal.invalid("contactId", "the contact is about another child");
                }
            } else {
                about = contacts.firstAbout(partnershipId, childId).orElse(null);
            }
            if (about != null) {
                notBeforeContact("heldAt", heldAt, about);
            }
            UUID source = messages.record(actor, "strategy-discussion", "child/" + childId, requestJson);
            UUID id = UUID.randomUUID();
            OffsetDateTime now = SqlTime.utc(clock.instant());
            jdbc.sql("""
                    INSERT INTO strategy_discussion (id, partnership_id, child_id, contact_id, held_at, source_agency_id,
                                                     source_message_id, source_position, recorded_at)
                    VALUES (:id, :partnership, :child, :contact, :heldAt, :agency, :source, 0, :now)""")
                    .param("id", id).param("partnership", partnershipId).param("child", childId).param("contact", contactId)
                    .param("heldAt", SqlTime.utc(heldAt)).param("agency", actor.agencyId()).param("source", source)
                    .param("now", now).update();
            for (Attendance a : attendance) {
                jdbc.sql("""
                        INSERT INTO strategy_discussion_attendance (strategy_discussion_id, agency_id, attended,
                            source_agency_id, source_message_id, source_position, recorded_at)
                        VALUES (:discussion, :attendee, :attended, :agency, :source, 0, :now)""")
                        .param("discussion", id).param("attendee", a.agencyId()).param("attended", a.attended())
                        .param("agency", actor.agencyId()).param("source", source).param("now", now).update();
            }
            referrals.discussionRecorded(childId); // -> the contact's referral, else by rule (docs/pathway.md)
            audit.append(actor.audit("strategy-discussion.record", "child", childId));
            // Due from the referral the discussion follows, however it was linked: as the read answers it.
            StrategyDiscussion recorded = discussions("sd.id = :key", id).get(0);
            return new StrategyResult(id, recorded.dueAt(), recorded.timely());
        });
    }

    /**
     * A current strategy discussion about a child, recorded by the MASH or sent by a partner's feed
     * ({@code recordedBy} is the agency that recorded it): when it was held (UTC), the contact and the
     * referral it follows (null when none), attendance by agency, and the strategy-discussion clock of
     * that referral (001:L3757) with whether it was held in time (both null without a referral).
     */
    public record StrategyDiscussion(UUID strategyDiscussionId, Instant heldAt, UUID contactId, UUID referralId,
                                     String recordedBy, List<Attendance> attendance, Instant dueAt, Boolean timely) {
    }

    /**
     * A step-up or step-down as recorded: the services from and to, the reason, who decided it, when
     * (UTC) and for which agency ({@code recordedBy}).
     */
    public record StepChange(UUID stepChangeId, String direction, String fromService, String toService, String reason,
                             String decidedBy, Instant decidedAt, String recordedBy) {
    }

    /**
     * The child's current strategy discussions, oldest first; the read is audited
     * ({@code strategy-discussion.read}).
     *
     * @throws MashRefusal not found when the partnership has no such child
     */
    public List<StrategyDiscussion> strategyDiscussions(Actor actor, String partnershipId, UUID childId) {
        return tx.execute(status -> {
            requireChild(partnershipId, childId);
            audit.append(actor.audit("strategy-discussion.read", "child", childId));
            return discussions("sd.child_id = :key AND sd.superseded_by IS NULL", childId);
        });
    }

    /**
     * The child's step-ups and step-downs, oldest first; the read is audited ({@code step-change.read}).
     *
     * @throws MashRefusal not found when the partnership has no such child
     */
    public List<StepChange> stepChanges(Actor actor, String partnershipId, UUID childId) {
        return tx.execute(status -> {
            requireChild(partnershipId, childId);
            audit.append(actor.audit("step-change.read", "child", childId));
            return jdbc.sql("""
                    SELECT id, direction, from_service, to_service, reason, decided_by, decided_at, source_agency_id
                    FROM step_change WHERE child_id = :child ORDER BY decided_at, id""").param("child", childId)
                    .query((rs, n) -> new StepChange(rs.getObject("id", UUID.class), rs.getString("direction"),
                            rs.getString("from_service"), rs.getString("to_service"), rs.getString("reason"),
                            rs.getString("decided_by"), SqlTime.instant(rs, "decided_at"), rs.getString("source_agency_id")))
                    .list();
        });
    }

    /** The strategy discussions {@code where} selects (bound to {@code :key}), with attendance and clock. */
    private List<StrategyDiscussion> discussions(String where, UUID key) {
        Map<UUID, List<Attendance>> attendance = jdbc.sql("""
                SELECT a.strategy_discussion_id, a.agency_id, a.attended FROM strategy_discussion_attendance a
                JOIN strategy_discussion sd ON sd.id = a.strategy_discussion_id WHERE %s ORDER BY a.agency_id"""
                .formatted(where)).param("key", key)
                .query((rs, n) -> Map.entry(rs.getObject("strategy_discussion_id", UUID.class),
                        new Attendance(rs.getString("agency_id"), rs.getBoolean("attended")))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("""
                SELECT sd.id, sd.held_at, sd.contact_id, sd.referral_id, sd.source_agency_id, r.referred_at
                FROM strategy_discussion sd LEFT JOIN referral r ON r.id = sd.referral_id
                WHERE %s ORDER BY sd.held_at, sd.id""".formatted(where)).param("key", key)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    Instant heldAt = SqlTime.instant(rs, "held_at");
                    Instant referredAt = SqlTime.instant(rs, "referred_at");
                    Instant due = referredAt == null ? null : contactClock.dueAt(ClockKind.STRATEGY_DISCUSSION, referredAt);
                    return new StrategyDiscussion(id, heldAt, rs.getObject("contact_id", UUID.class),
                            rs.getObject("referral_id", UUID.class), rs.getString("source_agency_id"),
                            attendance.getOrDefault(id, List.of()), due, due == null ? null : !heldAt.isAfter(due));
                }).list();
    }

    /**
     * Records a step-up or step-down and tells every agency involved with the child (004:L2019:
     * stepping down "without partners being informed led to confusion").
     */
    public UUID stepChange(Actor actor, String partnershipId, UUID childId, String direction, String fromService,
                           String toService, String reason, String requestJson) {
        // Every field at fault at once (issue 14: the page reported one missing field at a time).
        java.util.Map<String, String> violations = new java.util.LinkedHashMap<>();
        if (!"step-up".equals(direction) && !"step-down".equals(direction)) {
            violations.put("direction", "one of step-up, step-down");
        }
        for (String[] text : new String[][] {{"fromService", fromService}, {"toService", toService}, {"reason", reason}}) {
            if (text[1] == null || text[1].isBlank()) {
                violations.put(text[0], "is required");
            }
        }
        if (!violations.isEmpty()) {
            throw MashRefusal.invalid(violations);
        }
        return tx.execute(status -> {
            requireChild(partnershipId, childId);
            UUID source = messages.record(actor, direction, "child/" + childId, requestJson);
            UUID id = UUID.randomUUID();
            Instant now = clock.instant();
            jdbc.sql("""
                    INSERT INTO step_change (id, partnership_id, child_id, direction, from_service, to_service, reason,
                        decided_by, decided_at, source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (:id, :partnership, :child, :direction, :from, :to, :reason, :by, :now, :agency, :source, 0,
                            :now)""")
                    .param("id", id).param("partnership", partnershipId).param("child", childId)
                    .param("direction", direction).param("from", fromService).param("to", toService)
                    .param("reason", reason).param("by", actor.name()).param("now", SqlTime.utc(now))
                    .param("agency", actor.agencyId()).param("source", source).update();
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
            OffsetDateTime now = SqlTime.utc(clock.instant());
            jdbc.sql("""
                    INSERT INTO information_request (id, partnership_id, contact_id, agency_id, requested_at, requested_by,
                        source_agency_id, source_message_id, source_position, recorded_at)
                    VALUES (:id, :partnership, :contact, :asked, :now, :by, :agency, :source, 0, :now)""")
                    .param("id", id).param("partnership", partnershipId).param("contact", contact.id())
                    .param("asked", agencyId).param("now", now).param("by", actor.name()).param("agency", actor.agencyId())
                    .param("source", source).update();
            audit.append(actor.audit("information-request.record", "contact", contact.id()));
            return id;
        });
    }

    /** Records that the information asked for has arrived. */
    public void informationReceived(Actor actor, String partnershipId, UUID requestId) {
        tx.executeWithoutResult(status -> {
            UUID contactId = jdbc.sql("""
                    UPDATE information_request SET received_at = :now WHERE id = :id AND partnership_id = :partnership
                      AND received_at IS NULL RETURNING contact_id""")
                    .param("now", SqlTime.utc(clock.instant())).param("id", requestId).param("partnership", partnershipId)
                    .query(UUID.class).optional()
                    .orElseThrow(() -> MashRefusal.notFound("no open information request " + requestId));
            audit.append(actor.audit("information-request.received", "contact", contactId));
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
                UPDATE threshold_decision SET superseded_by = :id WHERE superseded_by IS NULL AND contact_id IN
                  (SELECT v.id FROM contact c JOIN contact v ON v.id = c.id OR (v.source_agency_id = c.source_agency_id
                     AND v.partner_record_id = c.partner_record_id) WHERE c.id = :contact)""")
                .param("id", id).param("contact", contactId).update();
        jdbc.sql("""
                INSERT INTO threshold_decision (id, partnership_id, contact_id, level_of_need, outcome, rationale,
                    decided_by, decided_at, contact_person, source_agency_id, source_message_id, source_position, recorded_at)
                VALUES (:id, :partnership, :contact, :level, :outcome, :rationale, :decidedBy, :decidedAt, :contactPerson,
                        :agency, :source, 0, :now)""")
                .param("id", id).param("partnership", partnershipId).param("contact", contactId)
                .param("level", d.levelOfNeed().value()).param("outcome", d.outcome().code())
                .param("rationale", d.rationale()).param("decidedBy", d.decidedBy())
                .param("decidedAt", SqlTime.utc(d.decidedAt())).param("contactPerson", d.contactPerson())
                .param("agency", actor.agencyId()).param("source", source).param("now", SqlTime.utc(clock.instant()))
                .update();
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
        return contacts.require(partnershipId, contactId);
    }

    private void requireChild(String partnershipId, UUID childId) {
        if (jdbc.sql("SELECT count(*) FROM child WHERE id = :child AND partnership_id = :partnership")
                .param("child", childId).param("partnership", partnershipId).query(Long.class).single() == 0) {
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

    /** The start of {@link #notBeforeContact}'s refusal detail, for a page that words it for staff. */
    public static final String BEFORE_CONTACT = "is before the MASH received the contact";

    /**
     * Nothing the MASH does about a contact (its decision, a strategy discussion it led to) can precede the
     * contact's first receipt ({@code received_at}, ContactStates): backdating it would also move a referral
     * into a closed period, and an outside tester's discussion dated before its contact was accepted (issue 14).
     * 400 naming {@code field}.
     */
    private static void notBeforeContact(String field, Instant at, Contact contact) {
        if (at.isBefore(contact.receivedAt())) {
            throw MashRefusal.invalid(field, BEFORE_CONTACT + " (" + contact.receivedAt() + ")");
        }
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
}
