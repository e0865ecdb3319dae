package org.safeguarding.hub.audit;

/** The outcome of walking the audit chain: intact up to its head, or the first entry that breaks it. */
public sealed interface AuditChainReport {

    default boolean intact() {
        return this instanceof Intact;
    }

    /** One line for people and logs. */
    String describe();

    /** Every entry from 1 to {@code headSeq} is present, unedited and chained to the one before. */
    record Intact(long entries, long headSeq, String headHash) implements AuditChainReport {
        @Override
        public String describe() {
            return entries == 0 ? "Audit trail intact: it has no entries yet."
                    : "Audit trail intact: " + entries + " entries, head " + headSeq + " with hash " + headHash + ".";
        }
    }

    /**
     * Entry {@code seq} is the first that fails: edited, missing, or not chained to the one before.
     * Entries before it ({@code checked} of them) verified.
     */
    record Broken(long seq, String problem, long checked) implements AuditChainReport {
        @Override
        public String describe() {
            return "Audit trail BROKEN at entry " + seq + ": " + problem + " (" + checked + " entries before it verified).";
        }
    }
}
