package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.scorecard.ReleaseAudit.Finding;
import org.safeguarding.hub.scorecard.ReleaseAudit.Kind;
import org.safeguarding.hub.scorecard.ReleaseAudit.Released;
import org.safeguarding.hub.scorecard.ReleaseAudit.Shape;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The release audit on hand-made releases: what a viewer holding them can and cannot pin. */
class ReleaseAuditTest {

    private static final DisclosureRule RULE = new DisclosureRule(1, 7, 5, "c", "counts 1-7 suppressed, others rounded to 5");
    private static final Shape EVENTS = Shape.of(false, true);
    private final ReleaseAudit audit = new ReleaseAudit(RULE);

    private static Released shown(String publication, String key, long truth, long shown) {
        return new Released(publication, key, truth, OptionalLong.of(shown));
    }

    private static Released suppressed(String publication, String key, long truth) {
        return new Released(publication, key, truth, OptionalLong.empty());
    }

    @Test
    void fourCellsAtTheTopOfTheirRoundingPinEachOtherThroughTheirTotal() {
        // Agencies a-d each 12 (shown 10: 8-12), total 48 (shown 50: 48-52): the cells can only be 12 each.
        Map<String, Long> monthly = Map.of("num|2025-04|total", 48L, "num|2025-04|source-agency|a", 12L,
                "num|2025-04|source-agency|b", 12L, "num|2025-04|source-agency|c", 12L, "num|2025-04|source-agency|d", 12L);
        List<Released> candidate = new ArrayList<>();
        candidate.add(shown("candidate", "num|2025-04|total", 48, 50));
        for (String agency : List.of("a", "b", "c", "d")) {
            candidate.add(shown("candidate", "num|2025-04|source-agency|" + agency, 12, 10));
        }
        Finding finding = audit.audit(EVENTS, monthly, List.of(), candidate);
        assertThat(finding.leaks()).extracting(ReleaseAudit.Leak::kind).containsOnly(Kind.ROUNDED);
        assertThat(finding.leaks()).extracting(ReleaseAudit.Leak::min).containsOnly(12L, 48L);
        assertThat(finding.suppressNext()).isPresent();
    }

    @Test
    void aSuppressedMonthAgainstItsQuarterIsNotPinnedByRoundedCounts() {
        // April 40, May 50, June 3 (c), quarter 93 shown 95: June is between 93-42-52 < 0 and 97-38-48 = 11.
        Map<String, Long> monthly = Map.of("num|2025-04|total", 40L, "num|2025-05|total", 50L, "num|2025-06|total", 3L);
        List<Released> held = List.of(shown("2025-04 v1", "num|2025-04|total", 40, 40),
                shown("2025-05 v1", "num|2025-05|total", 50, 50), suppressed("2025-06 v1", "num|2025-06|total", 3));
        Finding finding = audit.audit(EVENTS, monthly, held, List.of(shown("candidate", "num|2025-26-Q1|total", 93, 95)));
        assertThat(finding.leaks()).isEmpty();
    }

    @Test
    void aSuppressedMonthIsPinnedWhenItsQuarterIsShownExactly() {
        // The same months with a quarter known to the unit (a zero quarter is exact): here the other
        // months are 0 and the quarter shown 0 while June is 3 cannot happen, so take rounding to 1.
        DisclosureRule exact = new DisclosureRule(1, 7, 1, "c", "counts 1-7 suppressed");
        Map<String, Long> monthly = Map.of("num|2025-04|total", 40L, "num|2025-05|total", 50L, "num|2025-06|total", 3L);
        List<Released> held = List.of(shown("2025-04 v1", "num|2025-04|total", 40, 40),
                shown("2025-05 v1", "num|2025-05|total", 50, 50), suppressed("2025-06 v1", "num|2025-06|total", 3));
        Finding finding = new ReleaseAudit(exact).audit(EVENTS, monthly, held,
                List.of(shown("candidate", "num|2025-26-Q1|total", 93, 93)));
        assertThat(finding.leaks()).extracting(ReleaseAudit.Leak::target).contains("num|2025-06|total");
        assertThat(finding.suppressNext()).contains("num|2025-26-Q1|total");
    }

    @Test
    void aComplementOfThreeIsNotPinnedByTwoRoundedCounts() {
        // 409 of 412 in time, shown 410 of 410: not in time is between 0 and 412-408 = 4.
        Map<String, Long> monthly = Map.of("num|2025-04|total", 409L, "den|2025-04|total", 412L);
        Finding finding = audit.audit(EVENTS, monthly, List.of(), List.of(shown("candidate", "num|2025-04|total", 409, 410),
                shown("candidate", "den|2025-04|total", 412, 410)));
        assertThat(finding.leaks()).isEmpty();
    }

    @Test
    void aSuppressedMonthIsPinnedWhenItsNeighboursSitAtTheTopOfTheirRounding() {
        // An outside tester's case: referrals April 8 and May 8 (each shown 10: 8-12), June 1 (c: at least 1,
        // since zeros are always shown), the quarter 17 (shown 15: 13-17). April + May >= 16 and the quarter
        // <= 17 leave June exactly 1, April and May exactly 8, the quarter exactly 17.
        Map<String, Long> monthly = Map.of("num|2022-04|total", 8L, "num|2022-05|total", 8L, "num|2022-06|total", 1L);
        List<Released> held = List.of(shown("2022-04 v1", "num|2022-04|total", 8, 10),
                shown("2022-05 v1", "num|2022-05|total", 8, 10), suppressed("2022-06 v1", "num|2022-06|total", 1));
        Finding finding = audit.audit(EVENTS, monthly, held, List.of(shown("candidate", "num|2022-23-Q1|total", 17, 15)));
        assertThat(finding.leaks()).extracting(ReleaseAudit.Leak::target)
                .contains("num|2022-06|total", "num|2022-04|total", "num|2022-23-Q1|total");
        // Only the quarter is the candidate's: it is withheld.
        assertThat(finding.suppressNext()).contains("num|2022-23-Q1|total");
        Finding withheld = audit.audit(EVENTS, monthly, held, List.of(suppressed("candidate", "num|2022-23-Q1|total", 17)));
        assertThat(withheld.leaks()).isEmpty();
    }
}
