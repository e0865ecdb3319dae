package org.safeguarding.hub.audit;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The append-only, hash-chained audit trail. Each entry's hash covers its own fields and the
 * previous entry's hash, so editing or deleting any entry breaks every hash after it. Append in
 * the same transaction as the change or read being audited.
 */
public class AuditTrail {

    /** The hash the first entry chains from. */
    public static final String GENESIS = "0".repeat(64);
    /** Serialises appenders so the chain has no forks; held until the caller's transaction ends. */
    private static final long CHAIN_LOCK = 0x5AFE_A0D1L;

    private final JdbcClient jdbc;
    private final Clock clock;

    public AuditTrail(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Appends {@code entry}; must run inside a transaction. Returns the new entry's sequence number. */
    public long append(AuditEntry entry) {
        jdbc.sql("SELECT pg_advisory_xact_lock(:lock)").param("lock", CHAIN_LOCK).query().singleRow();
        var last = jdbc.sql("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        long seq = last.map(row -> (Long) row[0] + 1).orElse(1L);
        String previous = last.map(row -> (String) row[1]).orElse(GENESIS);
        // Microseconds: what PostgreSQL stores, so the hash can be recomputed from the row.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        String hash = hash(seq, at, entry, previous);
        jdbc.sql("""
                INSERT INTO audit_event (seq, at, actor, agency_id, role, purpose, action, entity_type, entity_id,
                                         client_address, prev_hash, hash)
                VALUES (:seq, :at, :actor, :agency, :role, :purpose, :action, :entityType, :entityId,
                        :clientAddress, :previousHash, :hash)
                """)
                .param("seq", seq).param("at", SqlTime.utc(at)).param("actor", entry.actor())
                .param("agency", entry.agencyId()).param("role", entry.role()).param("purpose", entry.purpose())
                .param("action", entry.action()).param("entityType", entry.entityType())
                .param("entityId", entry.entityId()).param("clientAddress", entry.clientAddress())
                .param("previousHash", previous).param("hash", hash).update();
        return seq;
    }

    /**
     * The SHA-256 of an entry's fields and the previous hash, hex-encoded; {@code at} counts to the
     * microsecond (ISO-8601 in UTC), as stored.
     */
    public static String hash(long seq, Instant at, AuditEntry e, String previousHash) {
        String canonical = String.join("\u001f", Long.toString(seq), at.truncatedTo(ChronoUnit.MICROS).toString(),
                e.actor(), text(e.agencyId()), text(e.role()), text(e.purpose()), e.action(), e.entityType(),
                text(e.entityId()), text(e.clientAddress()), previousHash);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e1) {
            throw new IllegalStateException(e1);
        }
    }

    private static String text(String value) {
        return Objects.requireNonNullElse(value, "");
    }
}
