package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.mash.DecisionOutcome;
import org.safeguarding.hub.mash.LevelOfNeed;
import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.mash.ThresholdDecision;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisagreementsTest {

    private static final Actor POLICE = new Actor("west-mercia-police-feed", "west-mercia-police", "partner-system", null);
    private static final Actor HEALTH = new Actor("wye-valley-nhs-trust-feed", "wye-valley-nhs-trust", "partner-system", null);
    private static final Actor LEAD = new Actor("alice", "herefordshire-council", "mash-lead", null);

    @Test
    void aDisagreementMovesThroughEveryStageToResolution() {
        // Monday 14 Dec 2026 10:00 GMT.
        EscalationWiring hub = new EscalationWiring(Instant.parse("2026-12-14T10:00:00Z"));
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        UUID contact = hub.fixture.contact("herefordshire", child, "west-mercia-police",
                Instant.parse("2026-12-14T08:00:00Z"), "mash-east", "WMP-77");
        assertThatThrownBy(() -> hub.disagreements.raise(POLICE, contact, "Level 4 screened lower", "{}"))
                .isInstanceOf(MashRefusal.class).hasMessageContaining("no decision to challenge");
        // Referred at level 4 and screened at level 2 (004:L2469).
        hub.desk.decide(LEAD, "herefordshire", new ThresholdDecision(contact, new LevelOfNeed(2), DecisionOutcome.EARLY_HELP,
                "Early help offered", "alice", Instant.parse("2026-12-14T09:30:00Z"), "MASH duty desk"), null, "{}");
        assertThatThrownBy(() -> hub.disagreements.raise(HEALTH, contact, "Not ours", "{}"))
                .isInstanceOf(MashRefusal.class).extracting(e -> ((MashRefusal) e).reason())
                .isEqualTo(MashRefusal.Reason.FORBIDDEN);

        UUID id = hub.disagreements.raise(POLICE, contact, "Referred at level 4, screened at level 2", "{\"x\":1}");
        Escalation e = hub.escalations.find(id, false).orElseThrow();
        assertThat(e.stage()).isEqualTo(1);
        assertThat(e.addressedToRole()).isEqualTo("mash-practitioner");
        assertThat(e.raisedByAgencyId()).isEqualTo("west-mercia-police");
        assertThat(e.addressedToAgencyId()).isEqualTo("herefordshire-council");
        // Stage 1, 5 working days from Mon 14 Dec: 15, 16, 17, 18, 21 Dec -> due end of Mon 21 Dec.
        assertThat(e.stageDueAt()).isEqualTo(Instant.parse("2026-12-22T00:00:00Z"));
        assertThatThrownBy(() -> hub.disagreements.raise(POLICE, contact, "again", "{}"))
                .isInstanceOf(MashRefusal.class).hasMessageContaining("already open");

        // Fri 18 Dec: to managers; 21, 22, 23, 24 Dec, (25, 26-27, 28 off) 29 Dec -> end of Tue 29 Dec.
        hub.clock.set(Instant.parse("2026-12-18T12:00:00Z"));
        e = hub.disagreements.escalate(POLICE, id, "No reply from practitioner", "{}");
        assertThat(e.stage()).isEqualTo(2);
        assertThat(e.addressedToRole()).isEqualTo("mash-lead");
        assertThat(e.stageDueAt()).isEqualTo(Instant.parse("2026-12-30T00:00:00Z"));

        // Thu 31 Dec: to heads of service; (1 Jan off) 4, 5, 6, 7, 8 Jan -> end of Fri 8 Jan 2027.
        hub.clock.set(Instant.parse("2026-12-31T09:00:00Z"));
        e = hub.disagreements.escalate(LEAD, id, "Managers disagree", "{}");
        assertThat(e.stage()).isEqualTo(3);
        assertThat(e.stageDueAt()).isEqualTo(Instant.parse("2027-01-09T00:00:00Z"));

        hub.clock.set(Instant.parse("2027-01-08T09:00:00Z"));
        e = hub.disagreements.escalate(POLICE, id, "To the partnership", "{}");
        assertThat(e.stage()).isEqualTo(4);
        assertThat(e.addressedToRole()).isEqualTo("partnership");
        assertThatThrownBy(() -> hub.disagreements.escalate(POLICE, id, "further", "{}"))
                .isInstanceOf(MashRefusal.class).hasMessageContaining("last stage");

        hub.clock.set(Instant.parse("2027-01-11T10:00:00Z"));
        e = hub.disagreements.resolve(LEAD, id, "changed-decision", "Rescreened at level 4", "{}");
        assertThat(e.status()).isEqualTo("resolved");
        assertThat(e.outcome()).isEqualTo("changed-decision");
        assertThat(e.resolvedAt()).isEqualTo(Instant.parse("2027-01-11T10:00:00Z"));
        assertThat(e.transitions()).extracting(t -> t.action() + ":" + t.fromStage() + "->" + t.toStage() + " by " + t.actor())
                .containsExactly("raised:null->1 by west-mercia-police-feed", "stage-changed:1->2 by west-mercia-police-feed",
                        "stage-changed:2->3 by alice", "stage-changed:3->4 by west-mercia-police-feed",
                        "resolved:4->4 by alice");
        assertThat(e.transitions()).extracting(Escalation.Transition::at).containsExactly(
                Instant.parse("2026-12-14T10:00:00Z"), Instant.parse("2026-12-18T12:00:00Z"),
                Instant.parse("2026-12-31T09:00:00Z"), Instant.parse("2027-01-08T09:00:00Z"),
                Instant.parse("2027-01-11T10:00:00Z"));
        assertThatThrownBy(() -> hub.disagreements.resolve(LEAD, id, "upheld", null, "{}"))
                .isInstanceOf(MashRefusal.class).hasMessageContaining("already resolved");
        // 5 transitions, each published to police (raiser and referrer) and the council (addressed).
        assertThat(hub.jdbc.sql("SELECT destination_agency_id, count(*) FROM outbox WHERE idempotency_key LIKE ?"
                        + " GROUP BY destination_agency_id ORDER BY 1").param("escalation:" + id + ":%")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list())
                .containsExactly("herefordshire-council=5", "west-mercia-police=5");
        // Every step is on the audit trail with its provenance message.
        assertThat(hub.jdbc.sql("SELECT count(*) FROM audit_event WHERE action LIKE 'disagreement.%'")
                .query(Long.class).single()).isEqualTo(5);
        assertThat(hub.jdbc.sql("SELECT count(*) FROM inbound_message WHERE feed = 'mash' AND agency_id = 'west-mercia-police'")
                .query(Long.class).single()).isEqualTo(3);
    }
}
