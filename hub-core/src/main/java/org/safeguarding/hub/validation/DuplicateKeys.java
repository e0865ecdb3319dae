package org.safeguarding.hub.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;

import java.util.Optional;

/**
 * A JSON object that names a key twice is refused, never resolved by guessing which value counts: the
 * partner feeds and the MASH API both read JSON with Jackson's {@code STRICT_DUPLICATE_DETECTION}, and this
 * is where its failure is recognised and placed.
 */
public final class DuplicateKeys {

    private static final String DUPLICATE = "Duplicate Object property";

    private DuplicateKeys() {
    }

    /** The JSON pointer of the key a strict parser found twice, as the sender wrote it; empty for any other failure. */
    public static Optional<String> pointer(JacksonException e) {
        if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith(DUPLICATE)
                && e.processor() instanceof JsonParser parser) {
            return Optional.of(parser.streamReadContext().pathAsPointer().toString());
        }
        return Optional.empty();
    }
}
