package org.safeguarding.hub.mash;

import org.safeguarding.hub.database.SqlTime;
import org.safeguarding.hub.action.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Provenance for the MASH's own records: every API action (and every sweep that raises an
 * escalation) is kept as an {@code inbound_message} on the {@code mash} feed, so each row it writes
 * has a source_message_id like any partner record. The raw payload is the request JSON wrapped
 * with the action, the actor and the time, which also keeps two identical bodies about different
 * records (e.g. {"rating":"red"}) distinct under the (agency, content hash) unique index.
 */
public final class ActionMessages {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    public ActionMessages(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records one action; returns the inbound message id to use as source_message_id. Call in the action's transaction. */
    public UUID record(Actor actor, String action, String subject, String requestJson) {
        Instant now = clock.instant();
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("action", action);
        envelope.put("subject", subject);
        envelope.put("actor", actor.name());
        envelope.put("at", now.toString());
        envelope.put("nonce", UUID.randomUUID().toString());
        envelope.set("request", JSON.readTree(requestJson == null || requestJson.isBlank() ? "{}" : requestJson));
        byte[] raw = JSON.writeValueAsBytes(envelope);
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, content_hash, content_type, raw_payload,
                                             received_at, record_count, accepted_count)
                VALUES (:id, :receipt, :agency, 'mash', :hash, 'application/json', :raw, :at, 1, 1)
                """).param("id", id).param("receipt", UUID.randomUUID()).param("agency", actor.agencyId())
                .param("hash", sha256(raw)).param("raw", raw).param("at", SqlTime.utc(now)).update();
        return id;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
