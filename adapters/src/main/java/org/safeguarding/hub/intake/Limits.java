package org.safeguarding.hub.intake;

/** Size limits every feed applies, so one message cannot exhaust the hub. */
public final class Limits {

    /** Records in one message; larger batches are split by the partner. */
    public static final int MAX_RECORDS = 10_000;
    /** Nesting depth of a JSON message; the contracts need 4. */
    public static final int MAX_JSON_DEPTH = 32;
    /** Characters in one free-text field (concerns, summaries). */
    public static final int MAX_TEXT = 8_000;
    /** Characters in a name, reference or code. */
    public static final int MAX_SHORT_TEXT = 200;

    private Limits() {
    }
}
