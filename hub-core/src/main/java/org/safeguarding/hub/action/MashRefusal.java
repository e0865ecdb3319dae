package org.safeguarding.hub.action;

/**
 * A MASH or escalation action the hub refuses, with the field at fault when there is one. The web
 * layer turns it into a 4xx problem response; nothing has been written when it is thrown.
 */
public class MashRefusal extends RuntimeException {

    /** Why: maps to 400, 403, 404 and 409. */
    public enum Reason { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Reason reason;
    private final String field;

    public MashRefusal(Reason reason, String detail, String field) {
        super(detail);
        this.reason = reason;
        this.field = field;
    }

    public static MashRefusal invalid(String field, String detail) {
        return new MashRefusal(Reason.INVALID, detail, field);
    }

    public static MashRefusal notFound(String detail) {
        return new MashRefusal(Reason.NOT_FOUND, detail, null);
    }

    public static MashRefusal forbidden(String detail) {
        return new MashRefusal(Reason.FORBIDDEN, detail, null);
    }

    public static MashRefusal conflict(String detail) {
        return new MashRefusal(Reason.CONFLICT, detail, null);
    }

    public Reason reason() {
        return reason;
    }

    public String field() {
        return field;
    }
}
