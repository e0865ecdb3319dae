package org.safeguarding.hub.database;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.OffsetDateTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules the database itself enforces, whatever code writes to it. */
class CommonDatasetSchemaTest {

    private static JdbcClient jdbc;
    private static final UUID MESSAGE = UUID.randomUUID();
    private static final UUID CHILD = UUID.randomUUID();

    @BeforeAll
    static void seed() {
        jdbc = JdbcClient.create(TestPostgres.migratedDatabase());
        jdbc.sql("INSERT INTO partnership (id, name, child_population) VALUES ('herefordshire', 'Herefordshire', 36029)").update();
        jdbc.sql("INSERT INTO agency (id, name, kind) VALUES ('west-mercia-police', 'West Mercia Police', 'police')").update();
        jdbc.sql("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count)
                VALUES (?, ?, 'west-mercia-police', 'police', repeat('a', 64), 'application/json', '{}'::bytea, now(), 1)
                """).params(MESSAGE, UUID.randomUUID()).update();
        insertChild(CHILD, "'west-mercia-police'");
    }

    private static int insertChild(UUID id, String sourceAgency) {
        return jdbc.sql("""
                INSERT INTO child (id, partnership_id, given_name, family_name, date_of_birth,
                                   source_agency_id, source_message_id, source_position, received_at)
                VALUES (?, 'herefordshire', 'Amy', 'Smith', DATE '2015-03-01', %s, ?, 0, now())
                """.formatted(sourceAgency)).params(id, MESSAGE).update();
    }

    private static int insertIdentifier(String kind, String value) {
        return jdbc.sql("""
                INSERT INTO child_identifier (id, partnership_id, child_id, kind, value,
                                              source_agency_id, source_message_id, source_position, received_at)
                VALUES (?, 'herefordshire', ?, ?, ?, 'west-mercia-police', ?, 0, ?)
                """).params(UUID.randomUUID(), CHILD, kind, value, MESSAGE, OffsetDateTime.now()).update();
    }

    @Test
    void aChildWithItsSourceAgencyIsStored() {
        assertThat(insertChild(UUID.randomUUID(), "'west-mercia-police'")).isEqualTo(1);
    }

    @Test
    void aRowWithoutASourceAgencyIsRejected() {
        assertThatThrownBy(() -> insertChild(UUID.randomUUID(), "NULL"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("source_agency_id");
    }

    @Test
    void aRowFromAnUnknownAgencyIsRejected() {
        assertThatThrownBy(() -> insertChild(UUID.randomUUID(), "'no-such-agency'"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("agency");
    }

    @Test
    void anIdentifierOfAKnownKindIsStoredOnceOnly() {
        assertThat(insertIdentifier("nhs-number", "9434765919")).isEqualTo(1);
        assertThatThrownBy(() -> insertIdentifier("nhs-number", "9434765919"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("child_identifier_partnership_id_kind_value_key");
    }

    @Test
    void anIdentifierOfAnUnknownKindIsRejected() {
        assertThatThrownBy(() -> insertIdentifier("passport-number", "123456789"))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("child_identifier_kind_check");
    }

    @Test
    void consentNotGivenNeedsAReason() {
        assertThatThrownBy(() -> jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                                     referrer_level_of_need, consent, concerns, source_agency_id, source_message_id,
                                     source_position, recorded_at)
                VALUES (?, 'herefordshire', ?, now(), 'west-mercia-police', 'PC Jones', 3, 'overridden',
                        'bruising', 'west-mercia-police', ?, 0, now())
                """).params(UUID.randomUUID(), CHILD, MESSAGE).update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("contact_check");
    }
}
