package org.safeguarding.hub.audit;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;

/**
 * Walks the audit chain from its first entry and reports the first entry that is edited (its
 * contents no longer match its hash), missing (a gap in the sequence) or not chained to the entry
 * before it. Reads in pages, so a long trail never has to fit in memory.
 *
 * <p>A hash chain cannot tell that entries were cut off its end. An {@link Anchor} (a sequence
 * number and hash written down elsewhere, e.g. from an earlier verification) closes that gap: the
 * anchored entry must still exist with the same hash.
 */
public class AuditChainVerifier {

    /** An entry recorded outside the database: it must still be there, unchanged. */
    public record Anchor(long seq, String hash) {
        /** Parses {@code <seq>:<hash>}, as printed by an intact verification. */
        public static Anchor parse(String text) {
            int colon = text.indexOf(':');
            if (colon < 1) {
                throw new IllegalArgumentException("An anchor is <sequence number>:<hash>, not '" + text + "'");
            }
            return new Anchor(Long.parseLong(text.substring(0, colon).trim()), text.substring(colon + 1).trim());
        }
    }

    private static final int PAGE = 5_000;

    private final AuditTrailReader reader;

    public AuditChainVerifier(JdbcClient jdbc) {
        this.reader = new AuditTrailReader(jdbc);
    }

    public AuditChainReport verify() {
        return verify(Optional.empty());
    }

    public AuditChainReport verify(Optional<Anchor> anchor) {
        long expectedSeq = 1;
        String previousHash = AuditTrail.GENESIS;
        List<AuditRecord> page = reader.after(0, PAGE);
        while (!page.isEmpty()) {
            for (AuditRecord record : page) {
                Optional<String> problem = problemWith(record, expectedSeq, previousHash, anchor);
                if (problem.isPresent()) {
                    return new AuditChainReport.Broken(Math.min(record.seq(), expectedSeq), problem.get(), expectedSeq - 1);
                }
                previousHash = record.hash();
                expectedSeq++;
            }
            page = reader.after(expectedSeq - 1, PAGE);
        }
        long head = expectedSeq - 1;
        if (anchor.isPresent() && anchor.get().seq() > head) {
            return new AuditChainReport.Broken(head + 1, "the trail ends at entry " + head + " but entry "
                    + anchor.get().seq() + " was anchored: entries were removed from the end", head);
        }
        return new AuditChainReport.Intact(head, head, previousHash);
    }

    private static Optional<String> problemWith(AuditRecord record, long expectedSeq, String previousHash,
                                                Optional<Anchor> anchor) {
        if (record.seq() != expectedSeq) {
            return Optional.of("entry " + expectedSeq + " is missing (the next entry present is " + record.seq() + ")");
        }
        if (!record.previousHash().equals(previousHash)) {
            return Optional.of("it does not chain from entry " + (expectedSeq - 1) + ": it names previous hash "
                    + record.previousHash() + " but that entry's hash is " + previousHash);
        }
        if (!record.recomputedHash().equals(record.hash())) {
            return Optional.of("its contents do not match its hash: the entry was edited after it was written");
        }
        if (anchor.isPresent() && anchor.get().seq() == record.seq() && !anchor.get().hash().equals(record.hash())) {
            return Optional.of("its hash " + record.hash() + " differs from the anchored hash " + anchor.get().hash());
        }
        return Optional.empty();
    }
}
