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
    private final java.util.Map<String, String> violations;

    public MashRefusal(Reason reason, String detail, String field) {
        super(detail);
        this.reason = reason;
        this.field = field;
        this.violations = field == null ? java.util.Map.of() : java.util.Map.of(field, detail == null ? "" : detail);
    }

    private MashRefusal(java.util.Map<String, String> violations) {
        super(violations.entrySet().stream().map(v -> v.getKey() + " " + v.getValue())
                .collect(java.util.stream.Collectors.joining("; ")));
        this.reason = Reason.INVALID;
        this.field = violations.keySet().iterator().next();
        this.violations = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(violations));
    }

    public static MashRefusal invalid(String field, String detail) {
        return new MashRefusal(Reason.INVALID, detail, field);
    }

    /**
     * Invalid input with every field at fault at once, field to detail in the form's order (issue 14: a form
     * that reported one missing field at a time); {@link #field()} is the first. {@code violations} must not be empty.
     */
    public static MashRefusal invalid(java.util.Map<String, String> violations) {
        return new MashRefusal(violations);
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

    /** Every field at fault, field to detail (empty when the refusal names no field). */
    public java.util.Map<String, String> violations() {
        return violations;
    }
}
