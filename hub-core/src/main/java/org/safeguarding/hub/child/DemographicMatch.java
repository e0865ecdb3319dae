package org.safeguarding.hub.child;

import java.util.regex.Pattern;
import org.safeguarding.hub.intake.ChildDetails;
import org.safeguarding.hub.partner.Postcodes;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The confidence that two descriptions of a child (with the same date of birth, the precondition
 * for being compared at all) are the same child, from normalised names and postcode. Weights:
 * date of birth 0.2, family name 0.35, given name 0.25 (initial only 0.1), full postcode 0.2
 * (district only 0.1); everything equal is 1.0. Twins (same surname, birthday and address,
 * different given names) score 0.75: queued for review, never merged.
 */
public final class DemographicMatch {

    public record Score(double confidence, String reasons) {
    }

    private DemographicMatch() {
    }

    public static Score score(ChildDetails record, ChildDetails known) {
        if (record.dateOfBirth() == null || !record.dateOfBirth().equals(known.dateOfBirth())) {
            return new Score(0, "date of birth differs");
        }
        double score = 0.2;
        List<String> reasons = new ArrayList<>(List.of("date of birth"));
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
