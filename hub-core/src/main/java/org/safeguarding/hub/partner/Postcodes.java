package org.safeguarding.hub.partner;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** UK postcode handling for partnership routing and identity matching. */
public final class Postcodes {

    private static final Pattern DISTRICT = Pattern.compile("[A-Z]{1,2}[0-9][0-9A-Z]?");
    private static final Pattern FULL = Pattern.compile("([A-Z]{1,2}[0-9][0-9A-Z]?)\\s*([0-9][A-Z]{2})");

    private Postcodes() {
    }

    /** "hr4  9ab" becomes "HR4 9AB"; empty when it is not a UK postcode. */
    public static Optional<String> normalise(String postcode) {
        if (postcode == null) {
            return Optional.empty();
        }
        var m = FULL.matcher(postcode.trim().toUpperCase(Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1) + " " + m.group(2)) : Optional.empty();
    }

    /** The outward code ("HR4" of "HR4 9AB"). */
    public static Optional<String> district(String postcode) {
        return normalise(postcode).map(p -> p.substring(0, p.indexOf(' ')));
    }

    public static boolean isDistrict(String value) {
        return value != null && DISTRICT.matcher(value.toUpperCase(Locale.ROOT)).matches();
    }
}
