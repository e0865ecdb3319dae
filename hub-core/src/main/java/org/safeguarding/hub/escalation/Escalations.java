package org.safeguarding.hub.escalation;

import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.mash.Notices;
import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.node.ObjectNode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
                VALUES (:id, :partnership, :kind, :subjectType, :subjectId, :child, :summary,
                    :raisedByAgency, :raisedByPerson, :addressedToAgency, :addressedToRole, 1, :stageDueAt,
                    :raisedAt, :sourceAgency, :sourceMessage, 0)
                ON CONFLICT (kind, subject_type, subject_id) WHERE kind = 'timeliness' DO NOTHING""")
                .param("id", id).param("partnership", e.partnershipId()).param("kind", e.kind())
                .param("subjectType", e.subjectType()).param("subjectId", e.subjectId()).param("child", e.childId())
                .param("summary", e.summary()).param("raisedByAgency", e.raisedByAgencyId())
                .param("raisedByPerson", e.raisedByPerson()).param("addressedToAgency", e.addressedToAgencyId())
                .param("addressedToRole", e.addressedToRole()).param("stageDueAt", SqlTime.utc(e.stageDueAt()))
                .param("raisedAt", SqlTime.utc(at)).param("sourceAgency", actor.agencyId())
                .param("sourceMessage", e.sourceMessageId()).update();
        if (inserted == 0) {
            return Optional.empty();
        }
        transition(id, "raised", null, 1, actor, at, e.summary());
        return Optional.of(id);
    }

    /** Moves an open escalation to {@code toStage}, addressed to {@code role}, due at {@code dueAt}. */
    public void changeStage(Escalation e, int toStage, String role, Instant dueAt, Actor actor, Instant at, String note) {
        jdbc.sql("UPDATE escalation SET stage = :stage, addressed_to_role = :role, stage_due_at = :dueAt WHERE id = :id")
                .param("stage", toStage).param("role", role).param("dueAt", SqlTime.utc(dueAt)).param("id", e.id())
                .update();
        transition(e.id(), "stage-changed", e.stage(), toStage, actor, at, note);
    }

    /** Resolves an open escalation with {@code outcome}. */
    public void resolve(Escalation e, String outcome, Actor actor, Instant at, String note) {
        jdbc.sql("UPDATE escalation SET status = 'resolved', outcome = :outcome, resolved_at = :at WHERE id = :id")
                .param("outcome", outcome).param("at", SqlTime.utc(at)).param("id", e.id()).update();
        transition(e.id(), "resolved", e.stage(), e.stage(), actor, at, note);
    }

    /** The escalation with its transitions, locked for update when {@code lock}. */
    public Optional<Escalation> find(UUID id, boolean lock) {
        List<Escalation.Transition> transitions = jdbc.sql("""
                SELECT id, action, from_stage, to_stage, actor, actor_agency_id, at, note FROM escalation_transition
                WHERE escalation_id = :id ORDER BY id""").param("id", id).query((rs, n) -> new Escalation.Transition(
                rs.getLong("id"), rs.getString("action"), (Integer) rs.getObject("from_stage", Integer.class),
                rs.getObject("to_stage", Integer.class), rs.getString("actor"), rs.getString("actor_agency_id"),
                SqlTime.instant(rs, "at"), rs.getString("note"))).list();
        return jdbc.sql("SELECT * FROM escalation WHERE id = :id" + (lock ? " FOR UPDATE" : "")).param("id", id)
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
                VALUES (:escalation, :action, :from, :to, :actor, :actorAgency, :at, :note) RETURNING id""")
                .param("escalation", escalationId).param("action", action).param("from", from)
                .param("to", to).param("actor", actor.name()).param("actorAgency", actor.agencyId())
                .param("at", SqlTime.utc(at)).param("note", note)
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
            jdbc.sql("SELECT referrer_agency_id FROM contact WHERE id = :id").param("id", e.subjectId())
                    .query(String.class).optional().ifPresent(agencies::add);
        }
        return agencies;
    }

    static Escalation map(ResultSet rs, List<Escalation.Transition> transitions) throws SQLException {
        return new Escalation(rs.getObject("id", UUID.class), rs.getString("partnership_id"), rs.getString("kind"),
                rs.getString("subject_type"), rs.getObject("subject_id", UUID.class), rs.getObject("child_id", UUID.class),
                rs.getString("summary"), rs.getString("raised_by_agency_id"), rs.getString("raised_by_person"),
                rs.getString("addressed_to_agency_id"), rs.getString("addressed_to_role"), rs.getInt("stage"),
                SqlTime.instant(rs, "stage_due_at"), rs.getString("status"), rs.getString("outcome"),
                SqlTime.instant(rs, "raised_at"), SqlTime.instant(rs, "resolved_at"), transitions);
    }

    static Escalation require(Optional<Escalation> e, UUID id) {
        return e.orElseThrow(() -> MashRefusal.notFound("no escalation " + id));
    }
}
