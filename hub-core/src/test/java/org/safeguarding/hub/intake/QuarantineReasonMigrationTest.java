package org.safeguarding.hub.intake;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.safeguarding.hub.database.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V46 on reasons stored before it: each old sentence split into the rule and the value it quoted,
 * and the field renamed as the adapters now name it (issue 18; issue 12 item 11). The old texts are
 * copied from the adapters and rules as they were before V46.
 */
class QuarantineReasonMigrationTest {

    record Row(String field, String reason, String value) {
    }

    @Test
    void oldReasonsLoseTheirValuesToTheValueColumnAndNameTheFieldAsThePartnerDoes() {
        PGSimpleDataSource db = new PGSimpleDataSource();
        db.setUrl(TestPostgres.freshDatabaseUrl());
        db.setUser(TestPostgres.server().username());
        Flyway.configure().dataSource(db).locations("classpath:db/migration").target("45").load().migrate();
        JdbcClient jdbc = JdbcClient.create(db);
        jdbc.sql("INSERT INTO agency (id, name, kind) VALUES ('pp', 'Police', 'police'), ('ss', 'School', 'education'), "
                + "('hh', 'Trust', 'health'), ('mm', 'GP', 'health')").update();
        UUID police = message(jdbc, "pp", "police");
        UUID school = message(jdbc, "ss", "education");
        UUID trust = message(jdbc, "hh", "health");
        UUID form = message(jdbc, "mm", "marf");
        old(jdbc, police, "pp", "police", 0, "child.nhsNumber",
                "'9434765918' is not a valid NHS number (10 digits with a modulus-11 check digit)");
        old(jdbc, police, "pp", "police", 1, "endedAt", "endedAt (2026-11-01T08:00:00Z) is before reportedAt (2026-11-01T20:00:00Z)");
        old(jdbc, police, "pp", "police", 2, "child.postcode", "postcode 'SW1A 1AA' is in no partnership this hub serves");
        old(jdbc, police, "pp", "police", 3, "records[3]", "must be a JSON object");
        old(jdbc, school, "ss", "education", 0, "dateOfBirth",
                "1987-03-14 is out of range: it must be between 1990-01-01 and today (2026-11-30)");
        old(jdbc, school, "ss", "education", 1, "upn", "'E884200126009' is not a valid UPN (13 characters with a correct check letter)");
        old(jdbc, trust, "hh", "health", 0, "Patient.dateOfBirth", "'2015-03' is not a date like 2015-04-30");
        old(jdbc, trust, "hh", "health", 1, "Patient.postcode", "'HR99' is not a UK postcode");
        old(jdbc, form, "mm", "marf", 0, "receivedAt", "2026-11-01T10:00:00Z is more than 7 days (clocks.yml "
                + "stated-received-at-within) before the form was submitted at 2026-11-20T10:00:00Z; state when the MASH "
                + "received it, at most that long before submission");

        Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();

        List<Row> expected = List.of(
                new Row("/records/0/child/nhsNumber", "is not a valid NHS number (10 digits with a modulus-11 check digit)",
                        "9434765918"),
                new Row("/records/1/endedAt", "is before /records/1/reportedAt", "2026-11-01T08:00:00Z"),
                new Row("/records/2/child/postcode", "is in no partnership this hub serves", "SW1A 1AA"),
                new Row("/records/3", "must be a JSON object", null),
                new Row("date_of_birth", "is out of range: it must be between 1990-01-01 and today (2026-11-30)", "1987-03-14"),
                new Row("upn", "is not a valid UPN (13 characters with a correct check letter)", "E884200126009"),
                new Row("Patient.birthDate", "is not a date like 2015-04-30", "2015-03"),
                new Row("Patient.address.postalCode", "is not a UK postcode", "HR99"),
                new Row("/receivedAt", "is more than 7 days (clocks.yml stated-received-at-within) before the form was "
                        + "submitted at 2026-11-20T10:00:00Z; state when the MASH received it, at most that long before "
                        + "submission", "2026-11-01T10:00:00Z"));
        String order = " ORDER BY CASE feed WHEN 'police' THEN 0 WHEN 'education' THEN 1 WHEN 'health' THEN 2 ELSE 3 END, position";
        assertThat(jdbc.sql("SELECT field, reason, rejected_value FROM quarantine" + order)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list()).isEqualTo(expected);
        assertThat(jdbc.sql("SELECT o.field, o.reason, o.rejected_value FROM record_outcome o "
                        + "JOIN inbound_message m ON m.id = o.message_id" + order.replace("position", "o.position"))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3))).list()).isEqualTo(expected);
    }

    private static UUID message(JdbcClient jdbc, String agency, String feed) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count, rejected_count)
                VALUES (?, ?, ?, ?, ?, 'application/json', '\\x00'::bytea, now(), 4, 4)""")
                .params(id, UUID.randomUUID(), agency, feed, "%064d".formatted(Math.abs(id.getMostSignificantBits()) % 1000))
                .update();
        return id;
    }

    private static void old(JdbcClient jdbc, UUID message, String agency, String feed, int position, String field,
                            String reason) {
        jdbc.sql("""
                INSERT INTO quarantine (id, message_id, position, agency_id, feed, raw_record, reason, field, created_at)
                VALUES (?, ?, ?, ?, ?, '{}', ?, ?, now())""")
                .params(UUID.randomUUID(), message, position, agency, feed, reason, field).update();
        jdbc.sql("INSERT INTO record_outcome (message_id, position, outcome, reason, field) VALUES (?, ?, 'rejected', ?, ?)")
                .params(message, position, reason, field).update();
    }
}
