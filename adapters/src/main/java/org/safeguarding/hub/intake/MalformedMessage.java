package org.safeguarding.hub.intake;

/** A message refused as a whole (4xx): nothing of it is stored. {@code where} points at the problem. */
public class MalformedMessage extends RuntimeException {

    private final String where;
    private final boolean tooLarge;

    public MalformedMessage(String where, String reason) {
        this(where, reason, false);
    }

    public MalformedMessage(String where, String reason, boolean tooLarge) {
        super(reason, null, false, false);
        this.where = where;
        this.tooLarge = tooLarge;
    }

    public String where() {
        return where;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
