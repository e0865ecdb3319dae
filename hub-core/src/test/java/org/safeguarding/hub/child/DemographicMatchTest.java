package org.safeguarding.hub.child;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DemographicMatchTest {

    static ChildDetails child(String given, String family, String dob, String postcode) {
        return new ChildDetails(given, family, LocalDate.parse(dob), null, postcode, null, Map.of());
    }

    @Test
    void everythingEqualAfterNormalisingIsCertain() {
        // Case, accents, apostrophes and postcode spacing do not matter: 0.2 + 0.35 + 0.25 + 0.2 = 1.0.
        var score = DemographicMatch.score(child("Zoë", "O'Brien", "2014-06-12", "hr49ab"),
                child("ZOE", "OBRIEN", "2014-06-12", "HR4 9AB"));
        assertThat(score.confidence()).isEqualTo(1.0);
    }

    @Test
    void partialAgreementScoresBelowLinking() {
        // Same district only and given-name initial only: 0.2 + 0.35 + 0.1 + 0.1 = 0.75.
        assertThat(DemographicMatch.score(child("Sam", "Jones", "2012-09-09", "HR1 2AB"),
                child("Samuel", "Jones", "2012-09-09", "HR1 9ZZ")).confidence()).isEqualTo(0.75);
        // Different date of birth: never compared.
        assertThat(DemographicMatch.score(child("Sam", "Jones", "2012-09-09", "HR1 2AB"),
                child("Sam", "Jones", "2012-09-10", "HR1 2AB")).confidence()).isZero();
    }
}
