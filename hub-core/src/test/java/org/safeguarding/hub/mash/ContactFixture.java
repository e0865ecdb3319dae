package org.safeguarding.hub.mash;

import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Children and contacts as the intake feeds write them (V1: an inbound message, then the child,
 * then the contact with its provenance), for MASH tests that must not depend on intake.
 */
public final class ContactFixture {

    private final JdbcClient jdbc;
    /** The contact's state is settled as intake settles it (shipped clocks and calendar). */
    private final ContactStates states;

    public ContactFixture(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.states = new ContactStates(jdbc, new ContactClock(ResponseClocks.load(ConfigFiles.defaults()),
                CalendarConfiguration.load(ConfigFiles.defaults())));
    }

    /** A feed message from {@code agency}; returns its id. */
    public UUID message(String agency) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count, accepted_count)
                VALUES (?, ?, ?, 'marf', ?, 'application/json', convert_to('{}', 'UTF8'), now(), 1, 1)""")
                .params(id, UUID.randomUUID(), agency, ActionMessages.sha256(id.toString())).update();
        return id;
    }

    public UUID child(String partnership, String agency) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO child (id, partnership_id, given_name, family_name, source_agency_id, source_message_id,
                                   source_position, received_at)
                VALUES (?, ?, 'Test', 'Child', ?, ?, 0, now())""").params(id, partnership, agency, message(agency)).update();
        return id;
    }

    /** A level-4 contact from {@code referrer} about {@code child}, received at {@code receivedAt}. */
    public UUID contact(String partnership, UUID child, String referrer, Instant receivedAt, String team,
                        String partnerRecordId) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                    referrer_level_of_need, consent, concerns, team, partner_record_id, source_agency_id,
                    source_message_id, source_position, recorded_at)
                VALUES (?, ?, ?, ?, ?, 'PC Smith', 4, 'given', 'Domestic abuse incident', ?, ?, ?, ?, 0, now())""")
                .params(id, partnership, child, receivedAt.atOffset(ZoneOffset.UTC), referrer, team, partnerRecordId,
                        referrer, message(referrer)).update();
        states.settle(List.of(id));
        return id;
    }

    /**
     * The partner corrects a contact, stating another receipt time: a new version supersedes the old
     * one (V1 rule) and takes over its state, first received time included (ContactStates).
     */
    public UUID correct(UUID contactId, Instant receivedAt) {
        var old = jdbc.sql("SELECT partnership_id, child_id, referrer_agency_id, team, partner_record_id FROM contact WHERE id = ?")
                .param(contactId).query().singleRow();
        UUID id = UUID.randomUUID();
        // Insert the new version without its record id, point the old one at it, then give it the
        // record id: one current row per record id at every moment (contact_current index).
        jdbc.sql("""
                INSERT INTO contact (id, partnership_id, child_id, received_at, referrer_agency_id, referrer_name,
                    referrer_level_of_need, consent, concerns, team, source_agency_id, source_message_id,
                    source_position, recorded_at)
                VALUES (?, ?, ?, ?, ?, 'PC Smith', 4, 'given', 'Domestic abuse incident (corrected)', ?, ?, ?, 0, now())""")
                .params(id, old.get("partnership_id"), old.get("child_id"), receivedAt.atOffset(ZoneOffset.UTC),
                        old.get("referrer_agency_id"), old.get("team"), old.get("referrer_agency_id"),
                        message((String) old.get("referrer_agency_id"))).update();
        jdbc.sql("UPDATE contact SET superseded_by = ? WHERE id = ?").params(id, contactId).update();
        jdbc.sql("UPDATE contact SET partner_record_id = ? WHERE id = ?").params(old.get("partner_record_id"), id).update();
        states.settle(List.of(id));
        return id;
    }

    /** A clock the test moves by hand. */
    public static final class MovableClock extends Clock {
        private volatile Instant now;

        public MovableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
