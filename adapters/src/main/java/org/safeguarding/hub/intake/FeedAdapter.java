package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Feed;

/** Turns one partner feed's format into canonical records; one implementation per feed. */
public interface FeedAdapter {

    Feed feed();

    /**
     * Reads a whole message. A message that cannot be read as a whole (not well-formed, wrong shape,
     * hostile, too large) is refused with {@link MalformedMessage} and nothing is stored; a single bad
     * record becomes a {@link ParsedRecord.Invalid} and goes to quarantine.
     */
    ParsedMessage parse(byte[] body, String contentType, ParseContext context);

    /** Reads one quarantined raw record again (replay), as the record at {@code position}. */
    ParsedRecord reparse(String rawRecord, int position, ParseContext context);
}
