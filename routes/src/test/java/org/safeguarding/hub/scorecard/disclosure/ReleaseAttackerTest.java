package org.safeguarding.hub.scorecard.disclosure;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.scorecard.disclosure.ReleaseAttacker.Combination;
import org.safeguarding.hub.scorecard.disclosure.ReleaseAttacker.Interval;
import org.safeguarding.hub.scorecard.disclosure.ReleaseAttacker.Kind;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The attacker on hand-made releases: the three cases of issue 18 written as a viewer reads them,
 * the classic rounding trap, and releases it must not call leaks. No hub: each case is a few
 * observations, worked out by hand in the comments.
 */
class ReleaseAttackerTest {

    private static final long HEREFORDSHIRE = 36_029;

    private static Combination atom(String name) {
        return Combination.of(name);
    }

    private static Combination sum(String... atoms) {
        return Combination.sum(List.of(atoms));
    }

    private static Interval derived(ReleaseAttacker.Report report, String target) {
        return report.findings().stream().filter(f -> f.target().name().equals(target)).findFirst().orElseThrow().derived();
    }

    @Test
    void monthsAgainstTheirQuarterPinJune() {
        // Placement orders 40, 50, 3: shown April 11.1 per 10,000 ("40"), May 13.9 ("50"), June c, Q1 25.8 ("95").
        // One child is 0.2776 per 10,000: 11.1 allows [39.81, 40.17] = 40; 13.9 [49.90, 50.26] = 50;
        // 25.8 [92.77, 93.13] = 93. June = 93 - 40 - 50 = 3.
        ReleaseAttacker a = new ReleaseAttacker()
                .shownCount("2025-04", atom("apr"), "40").shownRate("2025-04", atom("apr"), 11.1, HEREFORDSHIRE)
                .shownCount("2025-05", atom("may"), "50").shownRate("2025-05", atom("may"), 13.9, HEREFORDSHIRE)
                .shownCount("2025-06", atom("jun"), "c")
                .shownCount("2025-26-Q1", sum("apr", "may", "jun"), "95")
                .shownRate("2025-26-Q1", sum("apr", "may", "jun"), 25.8, HEREFORDSHIRE)
                .target("June", atom("jun"), 3, Kind.SUPPRESSED)
                .target("April", atom("apr"), 40, Kind.ROUNDED);
        ReleaseAttacker.Report report = a.attack();
        assertThat(derived(report, "June")).isEqualTo(new Interval(3, 3));
        assertThat(derived(report, "April")).isEqualTo(new Interval(40, 40));
        assertThat(report.leaks()).hasSize(2);
    }

    @Test
    void consecutiveRollingWindowsPinTheMonthBetweenThem() {
        // R12-2024-05 (June 2023 - May 2024) 15/40 at 32.5%: of d in 38..42 only d = 40 leaves a whole n
        // in [0.3245 d, 0.3255 d] = [12.98, 13.02]: (13, 40). R12-2024-06 (July 2023 - June 2024) 15/45 at
        // 34.9%: of 43..47 only (15, 43). June 2023 shows 0 of 0, so June 2024 is 15 - 13 = 2 of 43 - 40 = 3.
        // The relaxation leaves June's numerator in [1.3, 4.1]: the integer mode pins it.
        ReleaseAttacker a = new ReleaseAttacker();
        List<String> months = IntStream.rangeClosed(0, 12).mapToObj(i -> java.time.YearMonth.of(2023, 6).plusMonths(i).toString())
                .toList();
        for (String m : months) {
            a.observe("numerator within denominator " + m, atom("d" + m).minus(atom("n" + m)), 0, Double.POSITIVE_INFINITY);
        }
        a.shownCount("2023-06", atom("n2023-06"), "0").shownCount("2023-06", atom("d2023-06"), "0");
        a.shownCount("2024-06", atom("n2024-06"), "c").shownCount("2024-06", atom("d2024-06"), "c");
        Combination n05 = Combination.sum(months.subList(0, 12).stream().map(m -> "n" + m).toList());
        Combination d05 = Combination.sum(months.subList(0, 12).stream().map(m -> "d" + m).toList());
        Combination n06 = Combination.sum(months.subList(1, 13).stream().map(m -> "n" + m).toList());
        Combination d06 = Combination.sum(months.subList(1, 13).stream().map(m -> "d" + m).toList());
        a.shownCount("R12-2024-05", n05, "15").shownCount("R12-2024-05", d05, "40").shownPercent("R12-2024-05", n05, d05, 32.5);
        a.shownCount("R12-2024-06", n06, "15").shownCount("R12-2024-06", d06, "45").shownPercent("R12-2024-06", n06, d06, 34.9);
        a.target("June 2024 second plans", atom("n2024-06"), 2, Kind.SUPPRESSED)
                .target("June 2024 plans", atom("d2024-06"), 3, Kind.SUPPRESSED)
                .target("June 2024 first plans", atom("d2024-06").minus(atom("n2024-06")), 1, Kind.COMPLEMENT);
        ReleaseAttacker.Report report = a.attack();
        assertThat(derived(report, "June 2024 second plans")).isEqualTo(new Interval(2, 2));
        assertThat(derived(report, "June 2024 plans")).isEqualTo(new Interval(3, 3));
        assertThat(derived(report, "June 2024 first plans")).isEqualTo(new Interval(1, 1));
        assertThat(report.integerPrograms()).isPositive();
    }

    @Test
    void theComplementOfARoundedPercentageIsPinned() {
        // 409 of 412 in time shown 410/410 at 99.3%: d - n is in [0.0065 d, 0.0075 d] with d in [408, 412],
        // so in [2.65, 3.09]: 3, a count never published.
        ReleaseAttacker a = new ReleaseAttacker().shownCount("Q", atom("n"), "410").shownCount("Q", atom("d"), "410")
                .shownPercent("Q", atom("n"), atom("d"), 99.3)
                .observe("in time within completed", atom("d").minus(atom("n")), 0, Double.POSITIVE_INFINITY)
                .target("not in time", atom("d").minus(atom("n")), 3, Kind.COMPLEMENT);
        assertThat(derived(a.attack(), "not in time")).isEqualTo(new Interval(3, 3));
        assertThat(a.attack().leaks()).hasSize(1);
    }

    @Test
    void fourCellsShownTenWhoseTotalShowsFiftyAreEachTwelve() {
        // Each cell in [8, 12], the total in [48, 52]: the four cells add up to at most 48, so each is 12.
        ReleaseAttacker a = new ReleaseAttacker();
        List<String> cells = List.of("a", "b", "c", "d");
        cells.forEach(c -> a.shownCount("cell " + c, atom(c), "10").target("cell " + c, atom(c), 12, Kind.ROUNDED));
        a.shownCount("total", Combination.sum(cells), "50");
        ReleaseAttacker.Report report = a.attack();
        assertThat(report.leaks()).hasSize(4);
        assertThat(derived(report, "cell a")).isEqualTo(new Interval(12, 12));
    }

    @Test
    void roundedCountsAloneNeitherPinASuppressedMonthNorNarrowARoundedOne() {
        // Without the rates: April "40" [38, 42], May "50" [48, 52], Q1 "95" [93, 97], June c (at least 1:
        // zeros are always shown): June in [1, 11]; April in [38, 42]. No leak.
        ReleaseAttacker a = new ReleaseAttacker()
                .shownCount("2025-04", atom("apr"), "40").shownCount("2025-05", atom("may"), "50")
                .shownCount("2025-06", atom("jun"), "c").shownCount("2025-26-Q1", sum("apr", "may", "jun"), "95")
                .target("June", atom("jun"), 3, Kind.SUPPRESSED).target("April", atom("apr"), 40, Kind.ROUNDED);
        ReleaseAttacker.Report report = a.attack();
        assertThat(report.leaks()).isEmpty();
        assertThat(derived(report, "June")).isEqualTo(new Interval(1, 11));
        assertThat(derived(report, "April")).isEqualTo(new Interval(38, 42));
    }

    @Test
    void aSuppressedCellWithNothingElseKnownIsUnboundedAndAContradictionIsReported() {
        ReleaseAttacker alone = new ReleaseAttacker().shownCount("x", atom("x"), "c").target("x", atom("x"), 4, Kind.SUPPRESSED);
        assertThat(derived(alone.attack(), "x")).isEqualTo(new Interval(1, Long.MAX_VALUE));
        ReleaseAttacker contradiction = new ReleaseAttacker().shownCount("x", atom("x"), "10").shownCount("y", atom("x"), "20")
                .target("x", atom("x"), 10, Kind.ROUNDED);
        org.assertj.core.api.Assertions.assertThatThrownBy(contradiction::attack).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no release fits");
    }
}
