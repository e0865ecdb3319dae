package org.safeguarding.hub.flags;

/**
 * A flag query the hub refuses because of who asks (not a health agency, or no agreement in force
 * naming direct-care); already audited when thrown. The message says why, for the caller.
 */
public final class FlagRefusal extends RuntimeException {
    public FlagRefusal(String message) {
        super(message);
    }
}
