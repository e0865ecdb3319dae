package org.safeguarding.hub.web;

/**
 * An enumeration's code in a request: the constant, or 400 naming the field and every code of the type
 * ({@link org.safeguarding.hub.validation.Codes} makes the codes).
 */
public final class Codes {

    private Codes() {
    }

    /** The constant for {@code code}, or 400 naming {@code field} and every code of the type. */
    public static <E extends Enum<E>> E require(Class<E> type, String code, String field) {
        return org.safeguarding.hub.validation.Codes.parse(type, code)
                .orElseThrow(() -> HubProblem.badRequest(org.safeguarding.hub.validation.Codes.oneOf(type), field));
    }
}
