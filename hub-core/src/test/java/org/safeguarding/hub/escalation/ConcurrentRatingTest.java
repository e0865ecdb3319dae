package org.safeguarding.hub.escalation;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.mash.DecisionOutcome;
import org.safeguarding.hub.mash.LevelOfNeed;
import org.safeguarding.hub.mash.RagRating;
import org.safeguarding.hub.mash.ThresholdDecision;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contact has one current RAG rating, however many practitioners re-rate it at once (V43). */
class ConcurrentRatingTest {

    private static final Actor LEAD = new Actor("alice", "herefordshire-council", "mash-lead", "127.0.0.1");
    private final EscalationWiring hub = new EscalationWiring(Instant.parse("2026-04-07T09:00:00Z"));

    private UUID policeContact(String partnerRecordId) {
        UUID child = hub.fixture.child("herefordshire", "west-mercia-police");
        return hub.fixture.contact("herefordshire", child, "west-mercia-police", Instant.parse("2026-04-07T08:00:00Z"),
                "mash-east", partnerRecordId);
    }

    @Test
    void eightReRatingsAtOnceLeaveOneCurrentRatingAndSevenSuperseded() throws Exception {
        UUID contact = policeContact("WMP-RR-1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Object>> ratings = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                RagRating rating = RagRating.values()[i % RagRating.values().length];
                ratings.add(() -> hub.desk.rate(LEAD, "herefordshire", contact, rating, "{}"));
            }
            for (Future<Object> done : pool.invokeAll(ratings)) {
                done.get(); // none refused
            }
        } finally {
            pool.shutdown();
        }

        assertThat(hub.jdbc.sql("SELECT count(*) FROM rag_rating WHERE contact_id = ? AND superseded_by IS NULL")
                .param(contact).query(Long.class).single()).isEqualTo(1);
        assertThat(hub.jdbc.sql("SELECT count(*) FROM rag_rating WHERE contact_id = ? AND superseded_by IS NOT NULL")
                .param(contact).query(Long.class).single()).isEqualTo(7);
        // The contact's state (ContactStates) holds the rating that stayed current.
        assertThat(hub.jdbc.sql("SELECT c.rating = r.rating FROM contact c JOIN rag_rating r ON r.contact_id = c.id"
                + " AND r.superseded_by IS NULL WHERE c.id = ?").param(contact).query(Boolean.class).single()).isTrue();
    }

    @Test
    void eightDecisionsAtOnceRecordOneAndRefuseSevenAsConflicts() throws Exception {
        // Without a lock the later of two concurrent decisions superseded the earlier, both answered as
        // recorded (FailureAnswersTest saw [409, 201, 201, 409]); the contact's decisions are one at a time.
        UUID contact = policeContact("WMP-RD-1");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Object> answers = new ArrayList<>();
        try {
            List<Callable<Object>> decisions = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                decisions.add(() -> {
                    try {
                        return hub.desk.decide(LEAD, "herefordshire", new ThresholdDecision(contact, new LevelOfNeed(2),
                                DecisionOutcome.EARLY_HELP, "Early help offered", "alice",
                                Instant.parse("2026-04-07T08:30:00Z"), "MASH duty desk"), null, "{}");
                    } catch (MashRefusal refused) {
                        return refused.reason();
                    }
                });
            }
            for (Future<Object> done : pool.invokeAll(decisions)) {
                answers.add(done.get());
            }
        } finally {
            pool.shutdown();
        }
        assertThat(answers).filteredOn(a -> a == MashRefusal.Reason.CONFLICT).as(answers.toString()).hasSize(7);
        assertThat(hub.jdbc.sql("SELECT count(*) FROM threshold_decision WHERE contact_id = ?")
                .param(contact).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesASecondCurrentRating() {
        UUID contact = policeContact("WMP-RR-2");
        hub.desk.rate(LEAD, "herefordshire", contact, RagRating.values()[0], "{}");

        assertThatThrownBy(() -> hub.jdbc.sql("""
                INSERT INTO rag_rating (id, partnership_id, contact_id, rating, rated_at, rated_by, due_at,
                                        source_agency_id, source_message_id, source_position, recorded_at)
                SELECT gen_random_uuid(), partnership_id, contact_id, rating, rated_at, rated_by, due_at,
                       source_agency_id, source_message_id, source_position, recorded_at
                FROM rag_rating WHERE contact_id = ?""").param(contact).update())
                .hasMessageContaining("rag_rating_current");
    }
}
