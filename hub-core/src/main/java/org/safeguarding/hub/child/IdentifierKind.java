package org.safeguarding.hub.child;

import java.util.Locale;
import java.util.Set;

/**
 * Child identifiers, in the order identity resolution trusts them (the codes of identifier_kind),
 * and the one rule for which values are never linking keys ({@link #isPlaceholder}).
 */
public enum IdentifierKind {
    NHS_NUMBER("nhs-number"), UPN("upn"), POLICE_PERSON_REF("police-person-ref"), LA_CHILD_ID("la-child-id");

    /** What systems type when they do not know the value. */
    private static final Set<String> PLACEHOLDER_WORDS = Set.of("unknown", "notknown", "na", "none", "tbc", "tba",
            "null", "nil", "test", "dummy", "temp");
    /** Valid by the modulus-11 check digit, and typed for "no number" (with the ten same-digit numbers). */
    private static final Set<String> PLACEHOLDER_NHS_NUMBERS = Set.of("0123456789", "9876543210");

    private final String code;

    IdentifierKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    /**
     * A value that names no one child, though it may pass its check digit, so it must never link
     * records (three children once became one on 0000000000): every character the same
     * (0000000000, 1111111111, A000000000000 with the UPN's check letter aside, "XXXX"), the digit
     * runs 0123456789 and 9876543210 as NHS numbers, a UPN whose local authority number is 000 (no
     * authority has it), and words such as "unknown", "N/A" or "TBC". NHS England's test numbers
     * (999 000 0000 to 999 999 9999) are not placeholders: each names one test patient, and partners'
     * test systems and the hub's examples use them (docs/decisions.md, "Placeholder identifiers").
     *
     * @param value the normalised value (digits only for an NHS number, upper case for a UPN)
     */
    public boolean isPlaceholder(String value) {
        String significant = this == UPN && value.length() == 13 ? value.substring(1) : value;
        String letters = withoutSeparators(significant).toLowerCase(Locale.ROOT);
        if (letters.isEmpty() || oneCharacter(letters) || PLACEHOLDER_WORDS.contains(letters)) {
            return true;
        }
        return switch (this) {
            case NHS_NUMBER -> PLACEHOLDER_NHS_NUMBERS.contains(value);
            case UPN -> significant.startsWith("000");
            default -> false;
        };
    }

    /**
     * {@code value} without white space (as regex {@code \s}: space, tab, line breaks, VT, FF) or {@code -_/.}.
     * A loop, not {@code replaceAll}: this runs for every identifier of every record, twice (the adapter and
     * {@link ChildDetails}), and compiling the pattern per call was 6% of intake's request threads' CPU (JFR).
     */
    private static String withoutSeparators(String value) {
        StringBuilder kept = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean separator = switch (c) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r', '-', '_', '/', '.' -> true;
                default -> false;
            };
            if (separator && kept == null) {
                kept = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!separator && kept != null) {
                kept.append(c);
            }
        }
        return kept == null ? value : kept.toString();
    }

    /** Every UTF-16 unit of a non-empty {@code text} the same. */
    private static boolean oneCharacter(String text) {
        for (int i = 1; i < text.length(); i++) {
            if (text.charAt(i) != text.charAt(0)) {
                return false;
            }
        }
        return true;
    }
}
