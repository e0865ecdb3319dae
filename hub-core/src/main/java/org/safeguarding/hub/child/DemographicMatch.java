package org.safeguarding.hub.child;

import java.util.regex.Pattern;
import org.safeguarding.hub.partner.Postcodes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The confidence that two descriptions of a child (with compatible dates of birth, the precondition
 * for being compared at all) are the same child, from normalised names and postcode. Weights:
 * date of birth 0.2 (when one of them gives only the month 0.1, only the year 0.05), family name
 * 0.35, given name 0.25 (initial only 0.1), full postcode 0.2 (district only 0.1); everything equal
 * is 1.0. So with the default thresholds a birth month and every other detail equal still links
 * (0.9), a birth year alone never does (0.85: review). Twins (same surname, birthday and address,
 * different given names) score 0.75: queued for review, never merged.
 */
public final class DemographicMatch {

    public record Score(double confidence, String reasons) {
    }

    private DemographicMatch() {
    }

    public static Score score(ChildDetails record, ChildDetails known) {
        if (record.dateOfBirth() == null || known.dateOfBirth() == null
                || !record.dateOfBirth().compatible(known.dateOfBirth())) {
            return new Score(0, "date of birth differs");
        }
        // Only what both know counts: a birth year is weaker evidence than a day, and never "1 January".
        double score;
        List<String> reasons = new ArrayList<>();
        switch (record.dateOfBirth().coarser(known.dateOfBirth())) {
            case DAY -> {
                score = 0.2;
                reasons.add("date of birth");
            }
            case MONTH -> {
                score = 0.1;
                reasons.add("birth month");
            }
            default -> {
                score = 0.05;
                reasons.add("birth year");
            }
        }
        String family = normalise(record.familyName());
        if (!family.isEmpty() && family.equals(normalise(known.familyName()))) {
            score += 0.35;
            reasons.add("family name");
        }
        String given = normalise(record.givenName());
        String knownGiven = normalise(known.givenName());
        if (!given.isEmpty() && given.equals(knownGiven)) {
            score += 0.25;
            reasons.add("given name");
        } else if (!given.isEmpty() && !knownGiven.isEmpty() && given.charAt(0) == knownGiven.charAt(0)) {
            score += 0.1;
            reasons.add("given-name initial");
        }
        var postcode = Postcodes.normalise(record.postcode());
        var knownPostcode = Postcodes.normalise(known.postcode());
        if (postcode.isPresent() && postcode.equals(knownPostcode)) {
            score += 0.2;
            reasons.add("postcode");
        } else if (postcode.isPresent() && Objects.equals(Postcodes.district(record.postcode()),
                Postcodes.district(known.postcode()))) {
            score += 0.1;
            reasons.add("postcode district");
        }
        // Rounded to the column's three decimals so equal inputs compare equal.
        return new Score(Math.round(score * 1000) / 1000.0, String.join(", ", reasons));
    }

    private static final Pattern NOT_A_LETTER = Pattern.compile("[^a-z]");

    /** Lower case, accents and everything but letters removed: "O'Brien-Smith" and "obriensmith" agree. */
    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        return NOT_A_LETTER.matcher(Normalizer.normalize(name, Normalizer.Form.NFD).toLowerCase(Locale.ROOT)).replaceAll("");
    }
}
