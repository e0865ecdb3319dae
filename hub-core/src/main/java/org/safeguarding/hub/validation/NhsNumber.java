package org.safeguarding.hub.validation;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * NHS numbers: ten digits, the last a modulus-11 check digit. Weights 10 down to 2 on the first
 * nine digits; check = 11 - (sum mod 11), where 11 means 0 and 10 means the number is invalid.
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** "943 476 5919" becomes "9434765919"; empty unless it is ten digits with a valid check digit. */
    public static Optional<String> normalise(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String digits = value.replace(" ", "").replace("-", "");
        return isValid(digits) ? Optional.of(digits) : Optional.empty();
    }

    private static final Pattern TEN_DIGITS = Pattern.compile("[0-9]{10}");

    public static boolean isValid(String digits) {
        if (digits == null || !TEN_DIGITS.matcher(digits).matches()) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (digits.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == digits.charAt(9) - '0';
    }
}
