package org.safeguarding.hub.scorecard;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.scorecard.DisclosureControl.Disclosed;
import org.safeguarding.hub.scorecard.DisclosureControl.Relation;
import org.safeguarding.hub.scorecard.DisclosureControl.Term;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DisclosureControlTest {

    private static final DisclosureRule RULE = new DisclosureRule(1, 7, 5, "c", "rule");
    private static final DisclosureControl CONTROL = new DisclosureControl(RULE);

    private static Map<String, Long> counts(Object... keyValues) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            counts.put((String) keyValues[i], ((Number) keyValues[i + 1]).longValue());
        }
        return counts;
    }

    private static List<String> suppressed(Map<String, Disclosed> disclosed) {
        return disclosed.entrySet().stream().filter(e -> e.getValue().suppressed()).map(Map.Entry::getKey).toList();
    }

    @Test
    void smallCountsAreSuppressedAndOthersRoundedToTheNearest5() {
        // 0 is shown as 0; 1 and 7 are suppressed; 8 -> 10, 12 -> 10, 13 -> 15, 22 -> 20, 23 -> 25.
        Map<String, Disclosed> d = CONTROL.apply(counts("zero", 0, "one", 1, "seven", 7, "eight", 8, "twelve", 12,
                "thirteen", 13, "twentytwo", 22, "twentythree", 23), Map.of(), List.of());
        assertThat(suppressed(d)).containsExactly("one", "seven");
        assertThat(d.get("zero").shown()).contains(0L);
        assertThat(d.get("eight").shown()).contains(10L);
        assertThat(d.get("twelve").shown()).contains(10L);
        assertThat(d.get("thirteen").shown()).contains(15L);
        assertThat(d.get("twentytwo").shown()).contains(20L);
        assertThat(d.get("twentythree").shown()).contains(25L);
    }

    @Test
    void aSingleSuppressedCellInABreakdownTakesTheNextSmallestWithIt() {
        // Contacts 30 = police 10 + health 5 + schools 15. A naive rule suppresses only health (5) and
        // publishes 30, 10 and 15, which rounding leaves as they are: health = 30 - 10 - 15 = 5, recovered.
        Map<String, Long> counts = counts("total", 30, "police", 10, "health", 5, "schools", 15);
        List<Relation> relations = List.of(new Relation("total", List.of("police", "health", "schools")));
        Map<String, Disclosed> naive = CONTROL.apply(counts, Map.of(), List.of());
        assertThat(suppressed(naive)).containsExactly("health");
        assertThat(naive.get("total").shown().orElseThrow() - naive.get("police").shown().orElseThrow()
                - naive.get("schools").shown().orElseThrow()).isEqualTo(5);
        // With secondary suppression the smallest other cell (police, 10) goes too: 30 - 15 = police + health
        // has two unknowns.
        Map<String, Disclosed> d = CONTROL.apply(counts, Map.of(), relations);
        assertThat(suppressed(d)).containsExactlyInAnyOrder("health", "police");
        assertThat(d.get("total").shown()).contains(30L);
        assertThat(d.get("schools").shown()).contains(15L);
    }

    @Test
    void secondarySuppressionFollowsRowsAndColumnsUntilNothingCanBeRecovered() {
        //            team A  team B | total
        // police        5      20   |   25
        // schools      20      25   |   45
        // total        25      45   |   70
        // police/A (5) is suppressed. Row police then has one unknown: take police/B (20, smaller than the
        // row total 25). Column A: take schools/A (20). Column B now has one unknown (police/B): take
        // schools/B (25). Every row and column has two unknowns; all margins stay published.
        Map<String, Long> counts = counts("pA", 5, "pB", 20, "sA", 20, "sB", 25, "p", 25, "s", 45, "A", 25, "B", 45,
                "all", 70);
        List<Relation> relations = List.of(new Relation("p", List.of("pA", "pB")), new Relation("s", List.of("sA", "sB")),
                new Relation("A", List.of("pA", "sA")), new Relation("B", List.of("pB", "sB")),
                new Relation("all", List.of("p", "s")), new Relation("all", List.of("A", "B")));
        Map<String, Disclosed> d = CONTROL.apply(counts, Map.of(), relations);
        assertThat(suppressed(d)).containsExactlyInAnyOrder("pA", "pB", "sA", "sB");
        for (Relation r : relations) {
            long unknown = r.terms().stream().filter(t -> d.get(t).suppressed()).count();
            assertThat(unknown).as("unknowns in %s", r).isNotEqualTo(1);
        }
    }

    @Test
    void aLateRevisionOfAFewRecordsIsNotPublishedAsADifference() {
        // The quarter was published as 40 (true 40). Three late contacts make it 43, which would show as 45:
        // 45 - 40 suggests 5 but, were both exact, the difference of two published versions would expose a
        // small group. The difference (3) is small and is the only unknown of now = before + difference,
        // so the revised count is suppressed.
        Map<String, Long> counts = counts("now", 43, "before", 40, "late", 3);
        Map<String, Term> kinds = Map.of("before", Term.KNOWN, "late", Term.HIDDEN);
        List<Relation> relations = List.of(new Relation("now", List.of("before", "late")));
        assertThat(suppressed(CONTROL.apply(counts, kinds, relations))).containsExactly("now");
        // Twenty late records are not a small group: the revision is published (60, rounded from 60).
        Map<String, Disclosed> big = CONTROL.apply(counts("now", 60, "before", 40, "late", 20), kinds, relations);
        assertThat(big.get("now").shown()).isEqualTo(Optional.of(60L));
    }

    @Test
    void aCellSuppressedInAnEarlierVersionStaysProtected() {
        // Earlier: health was suppressed (6). Now 6 + 10 late = 16: published, since before and the
        // difference are both unknown to a reader.
        Map<String, Long> counts = counts("now", 16, "before", 6, "late", 10);
        Map<String, Term> kinds = Map.of("before", Term.KNOWN_SUPPRESSED, "late", Term.HIDDEN);
        Map<String, Disclosed> d = CONTROL.apply(counts, kinds, List.of(new Relation("now", List.of("before", "late"))));
        assertThat(d.get("now").shown()).contains(15L);
    }
}
