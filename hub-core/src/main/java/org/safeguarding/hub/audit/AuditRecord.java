package org.safeguarding.hub.audit;

import java.time.Instant;

/** An entry as stored: its place in the chain, when it was written, what it says, and its hashes. */
public record AuditRecord(long seq, Instant at, AuditEntry entry, String previousHash, String hash) {

    /** The hash this entry should carry, recomputed from what it says now. */
    public String recomputedHash() {
        return AuditTrail.hash(seq, at, entry, previousHash);
    }
}
