package org.safeguarding.hub.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
        jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(CHAIN_LOCK).query().singleRow();
        var last = jdbc.sql("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        long seq = last.map(row -> (Long) row[0] + 1).orElse(1L);
        String previous = last.map(row -> (String) row[1]).orElse(GENESIS);
        // Microseconds: what PostgreSQL stores, so the hash can be recomputed from the row.
        OffsetDateTime at = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String hash = hash(seq, at, entry, previous);
        jdbc.sql("""
                INSERT INTO audit_event (seq, at, actor, agency_id, role, purpose, action, entity_type, entity_id,
                                         client_address, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(seq, at, entry.actor(), entry.agencyId(), entry.role(), entry.purpose(), entry.action(),
                entry.entityType(), entry.entityId(), entry.clientAddress(), previous, hash).update();
        return seq;
    }

    /** The SHA-256 of an entry's fields and the previous hash, hex-encoded. */
    public static String hash(long seq, OffsetDateTime at, AuditEntry e, String previousHash) {
        String canonical = String.join("\u001f", Long.toString(seq),
                at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS).toInstant().toString(),
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
