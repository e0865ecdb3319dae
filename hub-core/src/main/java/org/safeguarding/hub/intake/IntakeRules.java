package org.safeguarding.hub.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the rest of the hub adds to storing a partner message, inside the message's transaction:
 * the MASH's contact clocks (mash.ContactStates) and the pathway's links (pathway.PathwayLinks).
 * Intake knows only this interface, so it never depends on the features that build on it.
 */
public interface IntakeRules {

    /**
     * A record the hub's own rules refuse although its partner's format is right (a due time the
     * calendar cannot compute, say), as the rejected outcome naming the field; empty to accept it.
     * Called before anything of the record is written.
     */
    default Optional<ParsedRecord.Invalid> refuse(ParsedRecord.Valid record, Instant receivedAt) {
        return Optional.empty();
    }

    /**
     * The rows just written for a message's accepted records (outcome {@code accepted}; the record
     * type is the canonical table, the record id the new row), after they are settled on their
     * children. Runs in the message's transaction: a failure here stores nothing of the message.
     */
    default void written(List<RecordOutcome> accepted) {
    }
}
