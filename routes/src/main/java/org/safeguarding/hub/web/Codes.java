package org.safeguarding.hub.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an enumeration travels in the API: each constant as its code, the constant's name in lower
 * case with hyphens ({@code EARLY_HELP} is {@code early-help}, {@code RED} is {@code red}), the
 * same as the types' own {@code code()}. The list a refusal names ("one of red, amber, green")
 * comes from the type, in declaration order, so it cannot drift from what the hub accepts.
 */
public final class Codes {

    private Codes() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose code is {@code code}; empty for null or any other text. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(code)).findFirst();
    }

    /** "one of a, b, c": the reason a value that is none of the type's codes is refused. */
    public static String oneOf(Class<? extends Enum<?>> type) {
        return "one of " + Arrays.stream(type.getEnumConstants()).map(Codes::of).collect(Collectors.joining(", "));
    }

    /** The constant for {@code code}, or 400 naming {@code field} and every code of the type. */
    public static <E extends Enum<E>> E require(Class<E> type, String code, String field) {
        return parse(type, code).orElseThrow(() -> HubProblem.badRequest(oneOf(type), field));
    }
}
