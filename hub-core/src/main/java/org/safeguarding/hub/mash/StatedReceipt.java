package org.safeguarding.hub.mash;

import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.IntakeRules;
import org.safeguarding.hub.intake.ParsedRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A referral form's stated {@code receivedAt} (the clock's start, when earlier than the
 * submission: a phone referral typed up later) may be at most {@code limit} before the form was
 * submitted (clocks.yml {@code stated-received-at-within}, issue 11). The MARF adapter already
 * refuses one in the future; it has no configuration, so this limit is checked here. A replayed
 * record is measured against its message's original submission time (MessageStore passes it), so
 * a replay never turns a stated time that was too early into an acceptable one, nor the reverse.
 */
public final class StatedReceipt implements IntakeRules {

    private final Duration limit;

    /** @param limit how long before submission a stated receipt may be (positive) */
    public StatedReceipt(Duration limit) {
        this.limit = limit;
    }

    @Override
    public Optional<ParsedRecord.Invalid> refuse(ParsedRecord.Valid record, Instant submittedAt) {
        if (!(record.fact() instanceof CanonicalFact.Contact contact) || contact.receivedAt() == null
                || !contact.receivedAt().isBefore(submittedAt.minus(limit))) {
            return Optional.empty();
        }
        Instant stated = contact.receivedAt();
        return Optional.of(record.refuse("receivedAt", "is more than " + describe(limit)
                + " (clocks.yml stated-received-at-within) before the form was submitted at " + submittedAt
                + "; state when the MASH received it, at most that long before submission", stated));
    }

    private static String describe(Duration limit) {
        return limit.toHoursPart() == 0 && limit.toMinutesPart() == 0 && limit.toSecondsPart() == 0
                ? limit.toDays() + " days" : limit.toMinutes() + " minutes";
    }
}
