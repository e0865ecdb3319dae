package org.safeguarding.hub.escalation;

import org.safeguarding.hub.mash.Actor;
import org.safeguarding.hub.mash.MashRefusal;
import org.safeguarding.hub.mash.Notices;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Escalation records and their transitions. Every transition is written with who and when and
 * published through the outbox to the agencies involved, in the caller's transaction.
 */
public final class Escalations {

    /** What a new escalation is about and to whom it goes. */
    public record NewEscalation(String partnershipId, String kind, String subjectType, UUID subjectId, UUID childId,
                                String summary, String raisedByAgencyId, String raisedByPerson,
                                String addressedToAgencyId, String addressedToRole, Instant stageDueAt,
                                UUID sourceMessageId) {
    }

    private final JdbcClient jdbc;
    private final Notices notices;

    public Escalations(JdbcClient jdbc, Notices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    /**
     * Inserts the escalation at stage 1, unless a timeliness escalation for the same subject exists
     * (the partial unique index makes that hold across nodes). Returns the new id, or empty.
     */
    public Optional<UUID> raise(NewEscalation e, Actor actor, Instant at) {
        UUID id = UUID.randomUUID();
        int inserted = jdbc.sql("""
                INSERT INTO escalation (id, partnership_id, kind, subject_type, subject_id, child_id, summary,
                    raised_by_agency_id, raised_by_person, addressed_to_agency_id, addressed_to_role, stage, stage_due_at,
                    raised_at, source_agency_id, source_message_id, source_position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, 0)
                ON CONFLICT (kind, subject_type, subject_id) WHERE kind = 'timeliness' DO NOTHING""")
                .params(id, e.partnershipId(), e.kind(), e.subjectType(), e.subjectId(), e.childId(), e.summary(),
                        e.raisedByAgencyId(), e.raisedByPerson(), e.addressedToAgencyId(), e.addressedToRole(),
                        utc(e.stageDueAt()), utc(at), actor.agencyId(), e.sourceMessageId()).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        transition(id, "raised", null, 1, actor, at, e.summary());
        return Optional.of(id);
    }

    /** Moves an open escalation to {@code toStage}, addressed to {@code role}, due at {@code dueAt}. */
    public void changeStage(Escalation e, int toStage, String role, Instant dueAt, Actor actor, Instant at, String note) {
        jdbc.sql("UPDATE escalation SET stage = ?, addressed_to_role = ?, stage_due_at = ? WHERE id = ?")
                .params(toStage, role, utc(dueAt), e.id()).update();
        transition(e.id(), "stage-changed", e.stage(), toStage, actor, at, note);
    }

    /** Resolves an open escalation with {@code outcome}. */
    public void resolve(Escalation e, String outcome, Actor actor, Instant at, String note) {
        jdbc.sql("UPDATE escalation SET status = 'resolved', outcome = ?, resolved_at = ? WHERE id = ?")
                .params(outcome, utc(at), e.id()).update();
        transition(e.id(), "resolved", e.stage(), e.stage(), actor, at, note);
    }

    /** The escalation with its transitions, locked for update when {@code lock}. */
    public Optional<Escalation> find(UUID id, boolean lock) {
        List<Escalation.Transition> transitions = jdbc.sql("""
                SELECT id, action, from_stage, to_stage, actor, actor_agency_id, at, note FROM escalation_transition
                WHERE escalation_id = ? ORDER BY id""").param(id).query((rs, n) -> new Escalation.Transition(
                rs.getLong("id"), rs.getString("action"), (Integer) rs.getObject("from_stage", Integer.class),
                rs.getObject("to_stage", Integer.class), rs.getString("actor"), rs.getString("actor_agency_id"),
                rs.getTimestamp("at").toInstant(), rs.getString("note"))).list();
        return jdbc.sql("SELECT * FROM escalation WHERE id = ?" + (lock ? " FOR UPDATE" : "")).param(id)
                .query((rs, n) -> map(rs, transitions)).optional();
    }

    /** Escalations of a partnership, newest first, optionally only open ones or of one kind. */
    public List<Escalation> list(String partnershipId, String status, String kind, int limit) {
        return jdbc.sql("""
                SELECT * FROM escalation WHERE partnership_id = :p
                  AND (CAST(:status AS text) IS NULL OR status = :status) AND (CAST(:kind AS text) IS NULL OR kind = :kind)
                ORDER BY raised_at DESC, id LIMIT :limit""")
                .param("p", partnershipId).param("status", status).param("kind", kind).param("limit", limit)
                .query((rs, n) -> map(rs, List.of())).list();
    }

    private void transition(UUID escalationId, String action, Integer from, Integer to, Actor actor, Instant at, String note) {
        long transitionId = jdbc.sql("""
                INSERT INTO escalation_transition (escalation_id, action, from_stage, to_stage, actor, actor_agency_id, at, note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(escalationId, action, from, to, actor.name(), actor.agencyId(), utc(at), note)
                .query(Long.class).single();
        publish(find(escalationId, false).orElseThrow(), transitionId);
    }

    /** Sends the record as it now stands, with the transition that changed it, to every agency involved. */
    private void publish(Escalation e, long transitionId) {
        ObjectNode body = Notices.body("escalation");
        body.put("escalationId", e.id().toString());
        body.put("kind", e.kind());
        body.put("about", e.subjectType() + "/" + e.subjectId());
        body.put("summary", e.summary());
        body.put("raisedBy", e.raisedByAgencyId() + "/" + e.raisedByPerson());
        body.put("addressedTo", e.addressedToAgencyId() + "/" + e.addressedToRole());
        body.put("stage", e.stage());
        body.put("stageDueAt", e.stageDueAt().toString());
        body.put("status", e.status());
        body.put("outcome", e.outcome());
        Escalation.Transition t = e.transitions().get(e.transitions().size() - 1);
        ObjectNode transition = body.putObject("transition");
        transition.put("action", t.action());
        transition.put("fromStage", t.fromStage());
        transition.put("toStage", t.toStage());
        transition.put("by", t.actor() + " (" + t.actorAgencyId() + ")");
        transition.put("at", t.at().toString());
        transition.put("note", t.note());
        notices.send(e.partnershipId(), agenciesInvolved(e), "escalation:" + e.id() + ":" + transitionId, body);
    }

    private List<String> agenciesInvolved(Escalation e) {
        List<String> agencies = new ArrayList<>(List.of(e.raisedByAgencyId(), e.addressedToAgencyId()));
        if ("contact".equals(e.subjectType())) {
            jdbc.sql("SELECT referrer_agency_id FROM contact WHERE id = ?").param(e.subjectId())
                    .query(String.class).optional().ifPresent(agencies::add);
        }
        return agencies;
    }

    static Escalation map(ResultSet rs, List<Escalation.Transition> transitions) throws SQLException {
        return new Escalation(rs.getObject("id", UUID.class), rs.getString("partnership_id"), rs.getString("kind"),
                rs.getString("subject_type"), rs.getObject("subject_id", UUID.class), rs.getObject("child_id", UUID.class),
                rs.getString("summary"), rs.getString("raised_by_agency_id"), rs.getString("raised_by_person"),
                rs.getString("addressed_to_agency_id"), rs.getString("addressed_to_role"), rs.getInt("stage"),
                instant(rs.getTimestamp("stage_due_at")), rs.getString("status"), rs.getString("outcome"),
                instant(rs.getTimestamp("raised_at")), instant(rs.getTimestamp("resolved_at")), transitions);
    }

    static Escalation require(Optional<Escalation> e, UUID id) {
        return e.orElseThrow(() -> MashRefusal.notFound("no escalation " + id));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static java.time.OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
