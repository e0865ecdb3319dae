package org.safeguarding.hub.child;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.database.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity resolution when messages are stored side by side: linking reads committed children
 * without a lock, and only a message that creates children or identifiers takes the partnership's
 * identity lock, then works its links out again. Each "other message" below runs in its own
 * transaction that commits while the first is still open (REQUIRES_NEW on the same thread), which
 * is exactly the interleaving two concurrent senders can produce.
 */
class IdentityResolverTest {

    private static final String PARTNERSHIP = "herefordshire";
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    private static JdbcTemplate jdbc;
    private static TransactionTemplate transaction;
    private static TransactionTemplate otherTransaction;
    private static IdentityResolver resolver;

    @BeforeAll
    static void database() {
        DataSource data = TestPostgres.migratedDatabase();
        jdbc = new JdbcTemplate(data);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(data);
        transaction = new TransactionTemplate(transactions);
        otherTransaction = new TransactionTemplate(transactions);
        otherTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        resolver = new IdentityResolver(new NamedParameterJdbcTemplate(jdbc), MatchThresholds.DEFAULT);
        jdbc.update("INSERT INTO partnership (id, name, child_population) VALUES (?, 'Herefordshire', 36029)", PARTNERSHIP);
        jdbc.update("INSERT INTO agency (id, name, kind) VALUES ('wmp', 'West Mercia Police', 'police'), "
                + "('wvt', 'Wye Valley NHS Trust', 'health')");
    }

    private static UUID message(String agency) {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count)
                VALUES (?, ?, ?, 'police', md5(?::text) || md5(?::text), 'application/json', '\\x7b7d', now(), 1)""",
                id, UUID.randomUUID(), agency, id, agency);
        return id;
    }

    private static ChildDetails child(String given, String nhsNumber) {
        return new ChildDetails(given, "Price", LocalDate.of(2014, 5, 17), null, "HR4 9AB", null,
                nhsNumber == null ? Map.of() : Map.of(IdentifierKind.NHS_NUMBER, nhsNumber));
    }

    private static UUID storeAlone(String agency, ChildDetails child) {
        return transaction.execute(s -> resolver.settle(propose(agency, child)).get(0));
    }

    private static IdentityResolver.Proposal propose(String agency, ChildDetails child) {
        return resolver.propose(PARTNERSHIP, List.of(new IdentityResolver.Request(0, child)), agency, message(agency), AT);
    }

    private static int identityLocksHeld() {
        return jdbc.queryForObject("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()",
                Integer.class);
    }

    private static int childrenWith(String nhsNumber) {
        return jdbc.queryForObject("SELECT count(DISTINCT child_id) FROM child_identifier WHERE kind = 'nhs-number' AND value = ?",
                Integer.class, nhsNumber);
    }

    @Test
    void aRecordAboutAKnownChildLinksWithoutTakingTheLock() {
        UUID known = storeAlone("wvt", child("Amira", "9434765919"));

        Object[] linkedAndLocks = transaction.execute(s -> {
            UUID linked = resolver.settle(propose("wmp", child("Amira", "9434765919"))).get(0);
            return new Object[] {linked, identityLocksHeld()};
        });

        assertThat(linkedAndLocks[0]).isEqualTo(known);
        assertThat(linkedAndLocks[1]).isEqualTo(0);
    }

    @Test
    void aMessageThatCreatesAChildHoldsTheLockUntilItCommits() {
        int locks = transaction.execute(s -> {
            resolver.settle(propose("wmp", child("Leo", "4010232137")));
            return identityLocksHeld();
        });

        assertThat(locks).isEqualTo(1);
        assertThat(childrenWith("4010232137")).isEqualTo(1);
    }

    @Test
    void aChildAnotherMessageCreatedMeanwhileByTheSameNhsNumberIsTheOneLinked() {
        UUID[] ids = transaction.execute(s -> {
            IdentityResolver.Proposal first = propose("wmp", child("Ruby", "9434765870"));
            // While the first message writes its facts, the health trust's message about the same
            // child commits first and creates her.
            UUID createdByOther = otherTransaction.execute(o -> storeAlone("wvt", child("Ruby", "9434765870")));
            UUID settled = resolver.settle(first).get(0);
            return new UUID[] {first.children().get(0), createdByOther, settled};
        });

        assertThat(ids[0]).as("proposed before the other message committed: a new child").isNotEqualTo(ids[1]);
        assertThat(ids[2]).as("settled on the child the other message created").isEqualTo(ids[1]);
        assertThat(childrenWith("9434765870")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE id = ?", Integer.class, ids[0])).isZero();
    }

    @Test
    void aChildAnotherMessageCreatedMeanwhileWithoutIdentifiersIsFoundByDemographics() {
        ChildDetails noIdentifiers = new ChildDetails("Isla", "Hughes-Tanner", LocalDate.of(2016, 2, 29), null,
                "HR1 2PJ", null, Map.of());
        UUID[] ids = transaction.execute(s -> {
            IdentityResolver.Proposal first = propose("wmp", noIdentifiers);
            UUID createdByOther = otherTransaction.execute(o -> storeAlone("wvt", noIdentifiers));
            return new UUID[] {first.children().get(0), createdByOther, resolver.settle(first).get(0)};
        });

        assertThat(ids[2]).isEqualTo(ids[1]).isNotEqualTo(ids[0]);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE family_name = 'Hughes-Tanner'", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aNewChildKeepsTheIdItWasProposedWith() {
        UUID[] ids = transaction.execute(s -> {
            IdentityResolver.Proposal proposal = propose("wmp", child("Kai", "5558887774"));
            return new UUID[] {proposal.children().get(0), resolver.settle(proposal).get(0)};
        });

        assertThat(ids[1]).isEqualTo(ids[0]);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM child WHERE id = ?", Integer.class, ids[0])).isEqualTo(1);
    }
}
