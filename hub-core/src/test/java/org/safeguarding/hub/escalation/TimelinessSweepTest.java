package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.Actor;
import org.safeguarding.hub.mash.DecisionOutcome;
import org.safeguarding.hub.mash.LevelOfNeed;
import org.safeguarding.hub.mash.ThresholdDecision;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class TimelinessSweepTest {

    private static final Actor LEAD = new Actor("alice", "herefordshire-council", "mash-lead", "127.0.0.1");

    @Test
    void oneEscalationPerBreachThenHeadOfServiceThenCompletedWhenDecided() {
        // Received Thu 2 Apr 2026 16:00 BST, unrated: threshold decision due Tue 7 Apr 16:00 BST (15:00 UTC).
        EscalationWiring hub = new EscalationWiring(Instant.parse("2026-04-07T15:00:00Z"));
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        UUID contact = hub.fixture.contact("herefordshire", child, "west-mercia-police",
                Instant.parse("2026-04-02T15:00:00Z"), "mash-east", "WMP-1");

        assertThat(hub.sweep.sweep().raised()).as("exactly at the due time it is still in time").isZero();

        hub.clock.set(Instant.parse("2026-04-07T15:00:01Z"));
        assertThat(hub.sweep.sweep().raised()).isEqualTo(1);
        assertThat(hub.sweep.sweep().raised()).as("the same breach is not raised twice").isZero();
        Escalation e = hub.escalations.list("herefordshire", "open", "timeliness", 10).get(0);
        assertThat(e.subjectId()).isEqualTo(contact);
        assertThat(e.addressedToAgencyId()).isEqualTo("herefordshire-council");
        assertThat(e.addressedToRole()).isEqualTo("mash-lead");
        // Further period: 24 working hours from Tue 7 Apr 15:00:01 UTC = Wed 8 Apr 15:00:01 UTC.
        assertThat(e.stageDueAt()).isEqualTo(Instant.parse("2026-04-08T15:00:01Z"));

        hub.clock.set(Instant.parse("2026-04-08T15:00:01Z"));
        assertThat(hub.sweep.sweep().moved()).as("not yet past the further period").isZero();
        hub.clock.set(Instant.parse("2026-04-08T15:00:02Z"));
        assertThat(hub.sweep.sweep().moved()).isEqualTo(1);
        Escalation moved = hub.escalations.find(e.id(), false).orElseThrow();
        assertThat(moved.stage()).isEqualTo(2);
        assertThat(moved.addressedToRole()).isEqualTo("head-of-service");
        // 24 working hours from Wed 8 Apr 15:00:02 = Thu 9 Apr 15:00:02.
        assertThat(moved.stageDueAt()).isEqualTo(Instant.parse("2026-04-09T15:00:02Z"));

        hub.desk.decide(LEAD, "herefordshire", new ThresholdDecision(contact, new LevelOfNeed(2), DecisionOutcome.EARLY_HELP,
                "Family agree to early help", "alice", Instant.parse("2026-04-08T15:00:02Z"), null), null, "{}");
        assertThat(hub.sweep.sweep().completed()).isEqualTo(1);
        Escalation done = hub.escalations.find(e.id(), false).orElseThrow();
        assertThat(done.status()).isEqualTo("resolved");
        assertThat(done.outcome()).isEqualTo("completed");
        assertThat(done.transitions()).extracting(Escalation.Transition::action)
                .containsExactly("raised", "stage-changed", "resolved");
        // Each transition went to the agencies involved: the MASH (council) and the referrer (police).
        assertThat(hub.jdbc.sql("SELECT count(*) FROM outbox WHERE message_type = 'escalation' AND idempotency_key LIKE ?")
                .param("escalation:" + e.id() + ":%").query(Long.class).single()).isEqualTo(6);
    }

    @Test
    void returnInterviewAndIcpcBreaches() {
        EscalationWiring hub = new EscalationWiring(Instant.parse("2027-01-08T00:00:00Z"));
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        UUID message = hub.fixture.message("west-mercia-police");
        // Missing episode ended Mon 4 Jan 2027 10:00; return interview due Thu 7 Jan 10:00 (72 real hours).
        UUID episode = UUID.randomUUID();
        hub.jdbc.sql("""
                INSERT INTO missing_episode (id, partnership_id, child_id, reported_at, ended_at, source_agency_id,
                    source_message_id, source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, '2027-01-03T20:00:00Z', '2027-01-04T10:00:00Z', 'west-mercia-police', ?, 0, now())""")
                .params(episode, child, message).update();
        // Strategy discussion Mon 14 Dec 2026 heading to ICPC: in time to the end of Thu 7 Jan 2027.
        UUID discussion = UUID.randomUUID();
        hub.jdbc.sql("""
                INSERT INTO strategy_discussion (id, partnership_id, child_id, held_at, source_agency_id, source_message_id,
                    source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, '2026-12-14T11:00:00Z', 'herefordshire-council', ?, 0, now())""")
                .params(discussion, child, hub.fixture.message("herefordshire-council")).update();
        hub.jdbc.sql("""
                INSERT INTO section47_enquiry (id, partnership_id, child_id, strategy_discussion_id, started_on, outcome,
                    source_agency_id, source_message_id, source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, ?, '2026-12-14', 'icpc', 'herefordshire-council', ?, 0, now())""")
                .params(UUID.randomUUID(), child, discussion, hub.fixture.message("herefordshire-council")).update();

        // At 8 Jan 00:00 the ICPC is exactly at its due time (in time); the interview is overdue.
        assertThat(hub.sweep.breaches(hub.clock.instant())).extracting(Breach::subjectType).containsExactly("missing-episode");
        hub.clock.set(Instant.parse("2027-01-08T00:00:01Z"));
        assertThat(hub.sweep.breaches(hub.clock.instant())).extracting(Breach::subjectId)
                .containsExactlyInAnyOrder(episode, discussion);
    }
}
