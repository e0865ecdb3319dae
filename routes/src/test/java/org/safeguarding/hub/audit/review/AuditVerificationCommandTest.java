package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditChainVerifier;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.database.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code ./hub verify-audit} prints and exits with, on a real database tampered with in SQL. */
class AuditVerificationCommandTest {

    private final DataSource dataSource = TestPostgres.migratedDatabase();
    private final JdbcClient jdbc = JdbcClient.create(dataSource);
    private final AuditVerificationCommand command = new AuditVerificationCommand(new AuditChainVerifier(jdbc), null);
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    private void threeEntries() {
        AuditTrail trail = new AuditTrail(jdbc, Clock.systemUTC());
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (int i = 1; i <= 3; i++) {
            int n = i;
            tx.executeWithoutResult(s -> trail.append(new AuditEntry("cli", null, "auditor", null, "read", "Child", "c" + n, null)));
        }
    }

    @Test
    void anUntouchedTrailExitsZeroAndPrintsAnAnchor() {
        threeEntries();

        assertThat(command.execute(Optional.empty(), out)).isEqualTo(AuditVerificationCommand.INTACT);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("intact: 3 entries", "--anchor=3:");
    }

    @Test
    void anEditedRowExitsOneNamingTheEntry() {
        assertBrokenAfter("UPDATE audit_event SET actor = 'someone-else' WHERE seq = 2", "BROKEN at entry 2", "edited");
    }

    @Test
    void aDeletedRowExitsOne() {
        assertBrokenAfter("DELETE FROM audit_event WHERE seq = 2", "BROKEN at entry 2", "missing");
    }

    /** Three entries, then one statement as an administrator with the append-only guard off. */
    private void assertBrokenAfter(String tampering, String... printedParts) {
        threeEntries();
        jdbc.sql("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only").update();
        jdbc.sql(tampering).update();

        assertThat(command.execute(Optional.empty(), out)).isEqualTo(AuditVerificationCommand.BROKEN);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(printedParts);
    }

    @Test
    void anUnreadableAnchorExitsTwo() {
        assertThat(command.execute(Optional.of("head"), out)).isEqualTo(AuditVerificationCommand.USAGE);
    }
}
