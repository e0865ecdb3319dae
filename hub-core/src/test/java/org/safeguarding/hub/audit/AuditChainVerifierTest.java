package org.safeguarding.hub.audit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.database.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The chain is checked on a real PostgreSQL, tampered with the way a database administrator
 * could: with the append-only triggers switched off, rows edited or deleted directly in SQL.
 */
class AuditChainVerifierTest {

    private JdbcClient jdbc;
    private AuditChainVerifier verifier;

    @BeforeEach
    void fiveEntries() {
        DataSource dataSource = TestPostgres.migratedDatabase();
        jdbc = JdbcClient.create(dataSource);
        verifier = new AuditChainVerifier(jdbc);
        AuditTrail trail = new AuditTrail(jdbc, Clock.fixed(Instant.parse("2026-03-29T00:30:00Z"), ZoneOffset.UTC));
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (int i = 1; i <= 5; i++) {
            int n = i;
            tx.executeWithoutResult(status -> trail.append(new AuditEntry("local-demo-lead", "herefordshire-council",
                    "mash-lead", "MASH screening", "read", "Child", "child-" + n, "10.0.0." + n)));
        }
    }

    @Test
    void anUntouchedTrailIsIntactWithItsHead() {
        AuditChainReport report = verifier.verify();

        String head = jdbc.sql("SELECT hash FROM audit_event WHERE seq = 5").query(String.class).single();
        assertThat(report).isEqualTo(new AuditChainReport.Intact(5, 5, head));
        assertThat(report.describe()).contains("intact", "5 entries");
    }

    @Test
    void theDatabaseRefusesToEditOrDeleteEntries() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE audit_event SET actor = 'someone-else' WHERE seq = 3").update())
                .rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM audit_event WHERE seq = 3").update())
                .rootCause().hasMessageContaining("append-only");
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void oneEditedFieldInOneRowBreaksTheChainAtThatRow() {
        tamper("UPDATE audit_event SET entity_id = 'child-99' WHERE seq = 3");

        AuditChainReport report = verifier.verify();

        assertThat(report).isInstanceOf(AuditChainReport.Broken.class);
        AuditChainReport.Broken broken = (AuditChainReport.Broken) report;
        assertThat(broken.seq()).isEqualTo(3);
        assertThat(broken.checked()).isEqualTo(2);
        assertThat(broken.problem()).contains("edited");
    }

    @Test
    void anEditedTimeIsCaughtToo() {
        // One microsecond later: the smallest change PostgreSQL can store.
        tamper("UPDATE audit_event SET at = at + interval '1 microsecond' WHERE seq = 1");

        assertThat(((AuditChainReport.Broken) verifier.verify()).seq()).isEqualTo(1);
    }

    @Test
    void anEditWhoseHashWasAlsoRecomputedBreaksTheLinkToTheNextRow() {
        AuditRecord third = new AuditTrailReader(jdbc).after(2, 1).get(0);
        AuditEntry forged = new AuditEntry("someone-else", "herefordshire-council", "mash-lead", "MASH screening",
                "read", "Child", "child-3", "10.0.0.3");
        String forgedHash = AuditTrail.hash(3, third.at(), forged, third.previousHash());
        tamper("UPDATE audit_event SET actor = 'someone-else', hash = '" + forgedHash + "' WHERE seq = 3");

        AuditChainReport.Broken broken = (AuditChainReport.Broken) verifier.verify();

        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.problem()).contains("does not chain from entry 3");
    }

    @Test
    void aDeletedRowInTheMiddleIsReportedAsMissing() {
        tamper("DELETE FROM audit_event WHERE seq = 2");

        AuditChainReport.Broken broken = (AuditChainReport.Broken) verifier.verify();

        assertThat(broken.seq()).isEqualTo(2);
        assertThat(broken.problem()).contains("entry 2 is missing", "next entry present is 3");
    }

    @Test
    void aDeletedFirstRowIsReportedAsMissing() {
        tamper("DELETE FROM audit_event WHERE seq = 1");

        assertThat(((AuditChainReport.Broken) verifier.verify()).seq()).isEqualTo(1);
    }

    @Test
    void aDeletedLastRowIsCaughtByAnAnchorTakenEarlier() {
        AuditChainReport.Intact before = (AuditChainReport.Intact) verifier.verify();
        var anchor = new AuditChainVerifier.Anchor(before.headSeq(), before.headHash());
        tamper("DELETE FROM audit_event WHERE seq = 5");

        // The chain alone cannot see a cut-off end: entries 1-4 still chain.
        assertThat(verifier.verify().intact()).isTrue();
        AuditChainReport.Broken broken = (AuditChainReport.Broken) verifier.verify(Optional.of(anchor));
        assertThat(broken.seq()).isEqualTo(5);
        assertThat(broken.problem()).contains("removed from the end");
    }

    @Test
    void anAnchorWithAnotherHashFails() {
        var anchor = AuditChainVerifier.Anchor.parse("4:" + "a".repeat(64));

        AuditChainReport.Broken broken = (AuditChainReport.Broken) verifier.verify(Optional.of(anchor));

        assertThat(broken.seq()).isEqualTo(4);
        assertThat(broken.problem()).contains("anchored hash");
    }

    @Test
    void anEmptyTrailIsIntact() {
        AuditChainVerifier empty = new AuditChainVerifier(JdbcClient.create(TestPostgres.migratedDatabase()));

        assertThat(empty.verify()).isEqualTo(new AuditChainReport.Intact(0, 0, AuditTrail.GENESIS));
    }

    @Test
    void searchFindsNewestFirstWithinTimesAndByActor() {
        var reader = new AuditTrailReader(jdbc);
        var page = reader.search(new AuditTrailReader.Search(Optional.of(Instant.parse("2026-03-29T00:30:00Z")),
                Optional.of(Instant.parse("2026-03-29T00:30:01Z")), Optional.of("local-demo-lead"), 2, 1));

        // All five were written at 00:30:00 by local-demo-lead; skip the newest (5), take 4 and 3.
        assertThat(page.total()).isEqualTo(5);
        assertThat(page.records()).extracting(AuditRecord::seq).containsExactly(4L, 3L);
        assertThat(reader.search(new AuditTrailReader.Search(Optional.empty(), Optional.empty(),
                Optional.of("nobody"), 10, 0)).total()).isZero();
    }

    /** What an administrator with full rights could do: switch the guard off and change rows. */
    private void tamper(String sql) {
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").update();
        jdbc.sql(sql).update();
    }
}
