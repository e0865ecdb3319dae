package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.action.Actor;
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
        // Due 15:00 UTC on 7 April, 16:00 in London (BST): the summary gives the local time staff read.
        assertThat(e.summary()).isEqualTo("threshold decision overdue since Tue 7 Apr 2026 16:00");
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
        UUID discussion = discussionHeadingToIcpc(hub, child, Instant.parse("2026-12-14T11:00:00Z"));

        // At 8 Jan 00:00 the ICPC is exactly at its due time (in time); the interview is overdue.
        assertThat(hub.sweep.breaches(hub.clock.instant())).extracting(Breach::subjectType).containsExactly("missing-episode");
        hub.clock.set(Instant.parse("2027-01-08T00:00:01Z"));
        assertThat(hub.sweep.breaches(hub.clock.instant())).extracting(Breach::subjectId)
                .containsExactlyInAnyOrder(episode, discussion);
    }

    @Test
    void aClockPastTheCalendarsCoveredYearsIsSkippedAndTheSweepCarriesOn() {
        // The shipped calendar covers 2020 to 2027. Now: Thursday 30 December 2027 10:00 GMT.
        EscalationWiring hub = new EscalationWiring(Instant.parse("2027-12-30T10:00:00Z"));
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        // Received Mon 20 Dec 2027 09:00 GMT, unrated: due Tue 21 Dec 09:00, overdue.
        UUID contact = hub.fixture.contact("herefordshire", child, "west-mercia-police",
                Instant.parse("2027-12-20T09:00:00Z"), "mash-east", "WMP-2027");
        // Strategy discussion Mon 20 Dec 2027 heading to ICPC, 15 working days: 21-24 Dec (4), 27 and 28
        // Dec are the Christmas and Boxing Day substitutes, 29-31 Dec (7), then 2028, which is not covered.
        UUID discussion = discussionHeadingToIcpc(hub, child, Instant.parse("2027-12-20T11:00:00Z"));

        // The ICPC's due time is refused (logged), not guessed; the contact is still escalated, with its
        // stage due 24 working hours on: Fri 31 Dec 2027 10:00 GMT.
        assertThat(hub.sweep.breaches(hub.clock.instant())).extracting(Breach::subjectId).containsExactly(contact);
        assertThat(hub.sweep.sweep().raised()).isEqualTo(1);
        assertThat(hub.escalations.list("herefordshire", "open", "timeliness", 10))
                .extracting(Escalation::stageDueAt).containsExactly(Instant.parse("2027-12-31T10:00:00Z"));
    }

    /** A strategy discussion held at {@code heldAt} whose section 47 enquiry (started that day) goes to an ICPC. */
    private static UUID discussionHeadingToIcpc(EscalationWiring hub, UUID child, Instant heldAt) {
        UUID discussion = UUID.randomUUID();
        UUID message = hub.fixture.message("herefordshire-council");
        hub.jdbc.sql("""
                INSERT INTO strategy_discussion (id, partnership_id, child_id, held_at, source_agency_id, source_message_id,
                    source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, ?, 'herefordshire-council', ?, 0, now())""")
                .params(discussion, child, java.sql.Timestamp.from(heldAt), message).update();
        hub.jdbc.sql("""
                INSERT INTO section47_enquiry (id, partnership_id, child_id, strategy_discussion_id, started_on, outcome,
                    source_agency_id, source_message_id, source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, ?, ?, 'icpc', 'herefordshire-council', ?, 0, now())""")
                .params(UUID.randomUUID(), child, discussion, java.sql.Date.valueOf(heldAt.atZone(java.time.ZoneOffset.UTC)
                        .toLocalDate()), message).update();
        return discussion;
    }
}
