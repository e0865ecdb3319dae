package org.safeguarding.hub.validation;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Unique pupil numbers (DfE): 13 characters, a check letter then 12 characters (LA code,
 * establishment, year, serial). The check letter: characters 2 to 13 times weights 2 to 13, summed,
 * modulo 23, indexes the alphabet without I, O and S. A temporary UPN ends in a letter, valued by its
 * index in the same alphabet.
 */
public final class Upn {

    static final String LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ";

    private Upn() {
    }

    public static Optional<String> normalise(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String upn = value.trim().toUpperCase(Locale.ROOT);
        return isValid(upn) ? Optional.of(upn) : Optional.empty();
    }

    private static final Pattern SHAPE = Pattern.compile("[A-Z][0-9]{11}[0-9A-Z]");

    public static boolean isValid(String upn) {
        if (upn == null || !SHAPE.matcher(upn).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 1; i < 13; i++) {
            char c = upn.charAt(i);
            int value = Character.isDigit(c) ? c - '0' : LETTERS.indexOf(c);
            if (value < 0) {
                return false;
            }
            sum += value * (i + 1);
        }
        return LETTERS.charAt(sum % 23) == upn.charAt(0);
    }

    /** The check letter for the 12 characters after it (for test data and synthetic records). */
    public static char checkLetter(String twelve) {
        int sum = 0;
        for (int i = 0; i < 12; i++) {
            char c = twelve.charAt(i);
            sum += (Character.isDigit(c) ? c - '0' : LETTERS.indexOf(c)) * (i + 2);
        }
        return LETTERS.charAt(sum % 23);
    }
}
