package org.safeguarding.hub.validation;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How an enumeration travels in the API, the feeds and the pages: each constant as its code, the constant's
 * name in lower case with hyphens ({@code EARLY_HELP} is {@code early-help}, {@code RED} is {@code red}). The
 * list a refusal names ("one of red, amber, green") and the options a form offers come from the type, in
 * declaration order, so they cannot drift from what the hub accepts. The one place these codes are made.
 */
public final class Codes {

    private Codes() {
    }

    /** The code of {@code constant}. */
    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The constant whose code is {@code code}; empty for null or any other text. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String code) {
        return Arrays.stream(type.getEnumConstants()).filter(c -> of(c).equals(code)).findFirst();
    }

    /** Every code of the type, in declaration order. */
    public static List<String> all(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Codes::of).toList();
    }

    /** "one of a, b, c": the reason a value that is none of the type's codes is refused. */
    public static String oneOf(Class<? extends Enum<?>> type) {
        return "one of " + all(type).stream().collect(Collectors.joining(", "));
    }
}
