package org.safeguarding.hub.mash;

import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.calendar.OutsideCalendar;
import org.safeguarding.hub.database.SqlRow;
import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.IntakeRules;
import org.safeguarding.hub.intake.ParsedRecord;
import org.safeguarding.hub.intake.RecordOutcome;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one definition of a contact's MASH state (docs/pathway.md "One contact state"), kept on the
 * contact's current row (V45): {@code received_at} (first received, across versions), {@code rating}
 * and {@code due_at} (the current RAG rating and the due time it sets, else the threshold-decision
 * clock) and {@code decision_id} (the current threshold decision, across versions). The queue, the
 * contact view, decision timeliness, the sweep, the scorecard and the pages read these columns; only
 * this class writes them.
 *
 * <p>A correction (a new row the earlier version's {@code superseded_by} points at) takes its
 * predecessor's state whole: a correction never restarts or shortens a clock.
 */
public final class ContactStates implements IntakeRules {

    /**
     * SQL true when contact {@code c} (any version) has a current threshold decision: its current
     * version's {@code decision_id} is set.
     */
    public static final String DECIDED = "EXISTS (SELECT 1 FROM contact s WHERE s.superseded_by IS NULL"
            + " AND s.decision_id IS NOT NULL AND " + versionOfC("s") + ")";

    /**
     * SQL true when contact row {@code alias} is a version of contact {@code c}: the same row, or the
     * same partner record of the same agency (a correction supersedes; V1 contact_current).
     */
    public static String versionOfC(String alias) {
        return "(%1$s.id = c.id OR (%1$s.source_agency_id = c.source_agency_id AND %1$s.partner_record_id = c.partner_record_id))"
                .formatted(alias);
    }

    /** SQL true when current contact {@code c} is open: not superseded and undecided. */
    public static final String OPEN = "c.superseded_by IS NULL AND c.decision_id IS NULL";

    /**
     * One contact's state, read from its current version.
     *
     * @param contactId  the current version's id
     * @param receivedAt when the MASH first received the contact (UTC)
     * @param rating     the current RAG rating, or null when unrated
     * @param dueAt      when the threshold decision is due (the last instant in time); null only while
     *                   the calendar cannot compute it (rows from before V45 outside covers-years)
     * @param decisionId the current threshold decision, or null
     * @param overdue    undecided and past {@code dueAt} at the time of the read
     */
    public record State(UUID contactId, String partnershipId, UUID childId, Instant receivedAt, RagRating rating,
                        Instant dueAt, UUID decisionId, boolean decided, boolean overdue) {
    }

    private final JdbcClient jdbc;
    private final ContactClock contactClock;

    public ContactStates(JdbcClient jdbc, ContactClock contactClock) {
        this.jdbc = jdbc;
        this.contactClock = contactClock;
    }

    /**
     * Refuses a new contact whose due time the calendar cannot compute (bank holidays unknown past
     * covers-years), naming the form's {@code receivedAt}; a correction keeps its predecessor's due
     * time and is never refused for it.
     */
    @Override
    public Optional<ParsedRecord.Invalid> refuse(ParsedRecord.Valid record, Instant receivedAt) {
        if (!(record.fact() instanceof CanonicalFact.Contact contact) || isCorrection(contact)) {
            return Optional.empty();
        }
        Instant received = contact.receivedAt() == null ? receivedAt : contact.receivedAt();
        try {
            contactClock.dueAt(received, null);
            return Optional.empty();
        } catch (OutsideCalendar outside) {
            return Optional.of(record.refuse("receivedAt", "the threshold decision's due time cannot be computed: "
                    + "the hub's calendar does not cover " + outside.day() + " (" + outside.getMessage() + ")", received));
        }
    }

    private boolean isCorrection(CanonicalFact.Contact contact) {
        String formId = contact.partnerRecordId();
        String agency = contact.referrerAgencyId();
        return formId != null && agency != null && jdbc.sql("""
                SELECT count(*) FROM contact WHERE source_agency_id = :agency AND partner_record_id = :formId
                  AND superseded_by IS NULL""")
                .param("agency", agency).param("formId", formId).query(Long.class).single() > 0;
    }

    /** Settles the state of the contact rows just written by intake. */
    @Override
    public void written(List<RecordOutcome> accepted) {
        String contacts = CanonicalFact.recordType(CanonicalFact.Contact.class);
        settle(accepted.stream().filter(o -> contacts.equals(o.recordType())).map(RecordOutcome::recordId).toList());
    }

    /**
     * Settles the state of newly written contact rows, in the order written: a correction takes its
     * predecessor's received time, rating, due time and decision; a new contact's decision is due by
     * the threshold-decision clock from its received time.
     *
     * @throws OutsideCalendar when a new contact's due time needs a day the calendar does not cover
     */
    public void settle(List<UUID> contactIds) {
        for (UUID id : contactIds) {
            int inherited = jdbc.sql("""
                    UPDATE contact c SET received_at = p.received_at, rating = p.rating, due_at = p.due_at,
                                         decision_id = p.decision_id
                    FROM contact p WHERE p.superseded_by = c.id AND c.id = :id""").param("id", id).update();
            if (inherited == 0) {
                Instant received = jdbc.sql("SELECT received_at FROM contact WHERE id = :id").param("id", id)
                        .query((rs, n) -> SqlTime.instant(rs, "received_at")).single();
                jdbc.sql("UPDATE contact SET due_at = :due WHERE id = :id")
                        .paramSource(new SqlRow().instant("due", contactClock.dueAt(received, null)).uuid("id", id)).update();
            }
        }
    }

    /**
     * Records {@code rating} as the contact's current rating; its clock runs from the first received
     * time. Returns the due time it sets.
     */
    public Instant rated(UUID currentContactId, RagRating rating) {
        Instant received = jdbc.sql("SELECT received_at FROM contact WHERE id = :id AND superseded_by IS NULL")
                .param("id", currentContactId).query((rs, n) -> SqlTime.instant(rs, "received_at")).optional()
                .orElseThrow(() -> corrected(currentContactId));
        Instant due = contactClock.dueAt(received, rating);
        jdbc.sql("UPDATE contact SET rating = :rating, due_at = :due WHERE id = :id")
                .paramSource(new SqlRow().text("rating", rating.code()).instant("due", due).uuid("id", currentContactId))
                .update();
        return due;
    }

    /**
     * Records {@code decisionId} as the contact's current threshold decision.
     *
     * @throws MashRefusal (conflict) when a correction superseded the contact meanwhile: nothing is kept
     */
    public void decided(UUID currentContactId, UUID decisionId) {
        if (jdbc.sql("UPDATE contact SET decision_id = :decision WHERE id = :id AND superseded_by IS NULL")
                .param("decision", decisionId).param("id", currentContactId).update() == 0) {
            throw corrected(currentContactId);
        }
    }

    private static MashRefusal corrected(UUID contactId) {
        return MashRefusal.conflict("contact " + contactId + " was corrected by its referrer meanwhile; try again");
    }

    /** The state of the contact {@code anyVersionId} is a version of, as of {@code clock}; empty if none. */
    public Optional<State> of(UUID anyVersionId, Clock clock) {
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT s.id, s.partnership_id, s.child_id, s.received_at, s.rating, s.due_at, s.decision_id
                FROM contact c JOIN contact s ON s.superseded_by IS NULL AND\s""" + versionOfC("s") + """
                \sWHERE c.id = :id""").param("id", anyVersionId).query((rs, n) -> {
            Instant due = SqlTime.instant(rs, "due_at");
            UUID decision = rs.getObject("decision_id", UUID.class);
            String rating = rs.getString("rating");
            return new State(rs.getObject("id", UUID.class), rs.getString("partnership_id"),
                    rs.getObject("child_id", UUID.class), SqlTime.instant(rs, "received_at"),
                    rating == null ? null : RagRating.of(rating).orElseThrow(), due, decision, decision != null,
                    decision == null && due != null && due.isBefore(now));
        }).optional();
    }

    /**
     * Computes the due time of current contacts that have none (unrated contacts from before V45,
     * whose working-time clock SQL cannot compute); returns how many were filled. Contacts the
     * calendar cannot cover are left without one and counted in {@code skipped}.
     */
    public Filled fillMissingDueTimes() {
        record Row(UUID id, Instant received, String rating) {
        }
        List<Row> rows = jdbc.sql("SELECT id, received_at, rating FROM contact WHERE superseded_by IS NULL AND due_at IS NULL")
                .query((rs, n) -> new Row(rs.getObject("id", UUID.class), SqlTime.instant(rs, "received_at"),
                        rs.getString("rating")))
                .list();
        int filled = 0;
        int skipped = 0;
        for (Row row : rows) {
            try {
                Instant due = contactClock.dueAt(row.received(),
                        row.rating() == null ? null : RagRating.of(row.rating()).orElseThrow());
                filled += jdbc.sql("UPDATE contact SET due_at = :due WHERE id = :id AND due_at IS NULL")
                        .paramSource(new SqlRow().instant("due", due).uuid("id", row.id())).update();
            } catch (OutsideCalendar outside) {
                skipped++;
            }
        }
        return new Filled(filled, skipped);
    }

    /** What {@link #fillMissingDueTimes} did. */
    public record Filled(int filled, int skipped) {
    }

}
