package org.safeguarding.hub.scorecard.disclosure;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What an attacker can work out from a release. The unknowns are non-negative whole counts (atoms:
 * one measure series, one month, one drill-down cell); each thing shown is an {@link Observation}, a
 * linear combination of atoms known to lie in [lo, hi] (a count rounded to 5 gives [r-2, r+2], a rate
 * per 10,000 gives [(r-0.05)P/10,000, (r+0.05)P/10,000], a one-decimal percentage gives two
 * inequalities between numerator and denominator, a quarter is the sum of its months: [0, 0] on the
 * difference). For every {@link Target} the attacker computes the tightest interval by linear
 * programming (ojAlgo), minimising and maximising the target, rounds it inward to whole numbers and,
 * where that leaves at most {@link #EXACT_BELOW} whole numbers, solves again with whole-number atoms
 * (ojAlgo's integer mode), since the relaxation can leave values no whole-number release allows.
 *
 * <p>A leak (the issue 18 rule): a suppressed count, a complement (denominator minus numerator) or a
 * difference between two published versions whose true value is 1 to 7 (by size) pinned to one value,
 * or any rounded count narrowed to one value. Solved one connected part of the system at a time (atoms
 * linked by an observation), so a scorecard's many unrelated measures stay many small problems.
 */
public final class ReleaseAttacker {

    /**
     * With at most this many whole numbers left by the relaxation, the bounds are confirmed in integer
     * mode. Not 2: consecutive rolling windows leave a month's plans in [2, 7] relaxed and [3, 3] whole.
     */
    static final int EXACT_BELOW = 25;
    /** A rounded count is confirmed in integer mode only once the relaxation has narrowed it below its own 5 values. */
    static final int ROUNDED_EXACT_BELOW = 4;
    private static final double SLACK = 1e-6;
    /** An integer search that takes longer gives up; the target keeps its relaxation's interval (and the report counts it). */
    static final long INTEGER_TIME_LIMIT_MS = 10_000;

    /** What a target is, which decides what counts as a leak. */
    public enum Kind { SUPPRESSED, ROUNDED, COMPLEMENT, DIFFERENCE }

    /** A linear combination of atoms, by atom name. */
    public record Combination(Map<String, Double> terms) {

        static Combination of(String atom) {
            return new Combination(Map.of(atom, 1.0));
        }

        static Combination sum(List<String> atoms) {
            Map<String, Double> terms = new TreeMap<>();
            atoms.forEach(a -> terms.merge(a, 1.0, Double::sum));
            return new Combination(terms);
        }

        Combination plus(Combination other, double factor) {
            Map<String, Double> terms = new TreeMap<>(this.terms);
            other.terms.forEach((a, c) -> terms.merge(a, c * factor, Double::sum));
            terms.values().removeIf(c -> c == 0.0);
            return new Combination(terms);
        }

        Combination minus(Combination other) {
            return plus(other, -1);
        }

        Combination times(double factor) {
            return new Combination(new TreeMap<>()).plus(this, factor);
        }
    }

    /** Something shown: {@code lo <= combination <= hi} (infinite for no bound); {@code source} says where it was read. */
    public record Observation(String source, Combination combination, double lo, double hi) {
    }

    /** A count the release must protect, with the true value the test knows. */
    public record Target(String name, Combination combination, long trueValue, Kind kind) {
    }

    /** The whole numbers the target can be; {@code Long.MIN_VALUE} or {@code MAX_VALUE} when unbounded. */
    public record Interval(long lo, long hi) {
        public boolean pinned() {
            return lo == hi;
        }

        @Override
        public String toString() {
            return "[" + (lo == Long.MIN_VALUE ? "-inf" : lo) + ", " + (hi == Long.MAX_VALUE ? "inf" : hi) + "]";
        }
    }

    public record Finding(Target target, Interval derived, boolean leak) {
        @Override
        public String toString() {
            return target.kind() + " " + target.name() + " true " + target.trueValue() + " derived " + derived;
        }
    }

    /** Every target's derived interval, and how much solving it took. */
    public record Report(List<Finding> findings, int linearPrograms, int integerPrograms, int integerGaveUp, int parts,
                  Duration took) {
        public List<Finding> leaks() {
            return findings.stream().filter(Finding::leak).toList();
        }

        @Override
        public String toString() {
            return "%d targets, %d leaks, %d LPs, %d MIPs (%d gave up) over %d parts in %d ms".formatted(findings.size(),
                    leaks().size(), linearPrograms, integerPrograms, integerGaveUp, parts, took.toMillis());
        }
    }

    private final List<Observation> observations = new ArrayList<>();
    private final List<Target> targets = new ArrayList<>();

    ReleaseAttacker observe(String source, Combination combination, double lo, double hi) {
        observations.add(new Observation(source, combination, lo, hi));
        return this;
    }

    /** {@code combination} is exactly {@code value}. */
    ReleaseAttacker exactly(String source, Combination combination, double value) {
        return observe(source, combination, value, value);
    }

    /**
     * A count as published: "c" (suppressed: at least 1, since zeros are always shown as 0; a "c" may be a
     * secondary suppression of any size), "0" (exactly 0), otherwise a multiple of 5 that is within
     * 2 of the true count (measures.yml: round to the nearest 5).
     */
    ReleaseAttacker shownCount(String source, Combination count, String shown) {
        if (shown == null || shown.equals("c")) {
            // Zeros are always shown as 0, so a "c" is at least 1 (primary or secondary alike).
            return observe(source, count, 1, Double.POSITIVE_INFINITY);
        }
        long r = Long.parseLong(shown);
        return r == 0 ? exactly(source, count, 0) : observe(source, count, r - 2, r + 2);
    }

    /** A rate per 10,000 at one decimal, of the partnership's {@code population}: the count is in [(r-0.05)P/10,000, (r+0.05)P/10,000]. */
    ReleaseAttacker shownRate(String source, Combination count, double rate, long population) {
        return observe(source, count, (rate - 0.05) * population / 10_000, (rate + 0.05) * population / 10_000);
    }

    /** A percentage at one decimal: (p-0.05)/100 d <= n <= (p+0.05)/100 d. */
    ReleaseAttacker shownPercent(String source, Combination numerator, Combination denominator, double percent) {
        observe(source + " (low)", numerator.minus(denominator.times((percent - 0.05) / 100)), 0, Double.POSITIVE_INFINITY);
        return observe(source + " (high)", numerator.minus(denominator.times((percent + 0.05) / 100)),
                Double.NEGATIVE_INFINITY, 0);
    }

    ReleaseAttacker target(String name, Combination combination, long trueValue, Kind kind) {
        targets.add(new Target(name, combination, trueValue, kind));
        return this;
    }

    List<Observation> observations() {
        return observations;
    }

    List<Target> targets() {
        return targets;
    }

    /**
     * Every target's tightest interval. Throws {@link IllegalStateException} when the observations
     * contradict each other (no release fits them: a modelling error, or figures that disagree).
     */
    public Report attack() {
        long started = System.nanoTime();
        Set<String> zeros = zeros();
        List<Observation> merged = merged(zeros);
        Map<String, List<Observation>> byPart = new LinkedHashMap<>();
        Parts parts = new Parts();
        merged.forEach(o -> parts.join(o.combination().terms().keySet()));
        targets.forEach(t -> parts.join(without(t.combination(), zeros).terms().keySet()));
        for (Observation o : merged) {
            byPart.computeIfAbsent(parts.partOf(o.combination()), k -> new ArrayList<>()).add(o);
        }
        int[] programs = new int[3];
        List<Finding> findings = new ArrayList<>();
        for (Target whole : targets) {
            Target t = new Target(whole.name(), without(whole.combination(), zeros), whole.trueValue(), whole.kind());
            if (t.combination().terms().isEmpty()) {
                findings.add(new Finding(whole, new Interval(0, 0), leaks(whole, new Interval(0, 0))));
                continue;
            }
            List<Observation> relevant = byPart.getOrDefault(parts.partOf(t.combination()), List.of());
            double[] lp = solve(relevant, t, false, programs);
            Interval derived = new Interval(inwardUp(lp[0]), inwardDown(lp[1]));
            if (derived.lo() > derived.hi()) {
                throw new IllegalStateException("no release fits the observations of " + t.name() + ": " + brief(relevant));
            }
            if (!derived.pinned() && couldLeak(t) && derived.hi() != Long.MAX_VALUE && derived.lo() != Long.MIN_VALUE
                    && derived.hi() - derived.lo() + 1 <= (t.kind() == Kind.ROUNDED ? ROUNDED_EXACT_BELOW : EXACT_BELOW)) {
                double[] mip = solve(relevant, t, true, programs);
                if (mip != null) {
                    derived = new Interval(Math.max(derived.lo(), inwardUp(mip[0])), Math.min(derived.hi(), inwardDown(mip[1])));
                } else {
                    programs[2]++;
                }
            }
            findings.add(new Finding(whole, derived, leaks(whole, derived)));
        }
        return new Report(findings, programs[0], programs[1], programs[2], byPart.size(), Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * Atoms shown to be 0: every atom of a sum with coefficients of one sign that is exactly 0 (a
     * month, a quarter or a drill-down cell shown "0"), since atoms are not negative. Most of a
     * scorecard is such zeros; taking them out first keeps the programs small.
     */
    private Set<String> zeros() {
        Set<String> zeros = new HashSet<>();
        for (Observation o : observations) {
            Collection<Double> c = o.combination().terms().values();
            if (o.lo() == 0 && o.hi() == 0 && (c.stream().allMatch(v -> v > 0) || c.stream().allMatch(v -> v < 0))) {
                zeros.addAll(o.combination().terms().keySet());
            }
        }
        return zeros;
    }

    /** The observations without the zero atoms, one per combination (the intersection of its intervals). */
    private List<Observation> merged(Set<String> zeros) {
        Map<Combination, Observation> merged = new LinkedHashMap<>();
        for (Observation o : observations) {
            Combination c = without(o.combination(), zeros);
            if (c.terms().isEmpty()) {
                if (o.lo() > SLACK || o.hi() < -SLACK) {
                    throw new IllegalStateException("no release fits " + o + " with its atoms shown to be 0");
                }
                continue;
            }
            merged.merge(c, new Observation(o.source(), c, o.lo(), o.hi()), (a, b) -> new Observation(a.source(), c,
                    Math.max(a.lo(), b.lo()), Math.min(a.hi(), b.hi())));
        }
        return List.copyOf(merged.values());
    }

    private static Combination without(Combination c, Set<String> zeros) {
        Map<String, Double> terms = new TreeMap<>(c.terms());
        terms.keySet().removeAll(zeros);
        return new Combination(terms);
    }

    private static String brief(List<Observation> relevant) {
        return relevant.size() <= 12 ? relevant.toString() : relevant.subList(0, 12) + " and " + (relevant.size() - 12) + " more";
    }

    private static boolean leaks(Target t, Interval derived) {
        return derived.pinned() && couldLeak(t);
    }

    /** A rounded count may not be narrowed to one value; any other target may not be pinned when it is 1 to 7 by size. */
    private static boolean couldLeak(Target t) {
        return t.kind() == Kind.ROUNDED || (Math.abs(t.trueValue()) >= 1 && Math.abs(t.trueValue()) <= 7);
    }

    /**
     * {min, max} of the target over the observations; infinite when unbounded. In integer mode every
     * combination with whole coefficients (a shown count, a sum of months, the target) is a whole
     * number, while the atoms themselves stay continuous unless they are shown alone: branching on a
     * dozen shown sums rather than on hundreds of interchangeable monthly atoms keeps branch and bound
     * small. Every whole-number release satisfies it, so its bounds are still sound. Null when the
     * integer search gives up within {@link #INTEGER_TIME_LIMIT_MS} (the relaxation's bounds stand).
     */
    private static double[] solve(List<Observation> relevant, Target target, boolean integer, int[] programs) {
        double[] bounds = new double[2];
        for (int side = 0; side < 2; side++) {
            ExpressionsBasedModel model = new ExpressionsBasedModel();
            model.options.time_abort = INTEGER_TIME_LIMIT_MS;
            Map<String, Variable> atoms = new HashMap<>();
            Map<Combination, Variable> wholes = new HashMap<>();
            for (Observation o : relevant) {
                Expression e = model.addExpression();
                o.combination().terms().forEach((a, c) -> e.set(atom(model, atoms, a), c));
                // A whole combination's bounds are rounded inward here: ojAlgo 55.2's integer presolve
                // finds x in [39.81, 40.17] infeasible, x in [40, 40] not.
                // Only sums known on both sides are made whole: a one-sided relation (numerator within
                // denominator) gives branch and bound nothing to cut and a variable more to branch on.
                boolean whole = integer && o.lo() > Double.NEGATIVE_INFINITY && o.hi() < Double.POSITIVE_INFINITY
                        && whole(model, atoms, wholes, o.combination());
                if (o.lo() > Double.NEGATIVE_INFINITY) {
                    e.lower(whole ? Math.ceil(o.lo() - SLACK) : o.lo());
                }
                if (o.hi() < Double.POSITIVE_INFINITY) {
                    e.upper(whole ? Math.floor(o.hi() + SLACK) : o.hi());
                }
            }
            Expression objective = model.addExpression("target").weight(1);
            target.combination().terms().forEach((a, c) -> objective.set(atom(model, atoms, a), c));
            if (integer) {
                whole(model, atoms, wholes, target.combination());
            }
            Optimisation.Result result = side == 0 ? model.minimise() : model.maximise();
            programs[integer ? 1 : 0]++;
            if (result.getState() == Optimisation.State.UNBOUNDED) {
                bounds[side] = side == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            } else if (result.getState() == Optimisation.State.INFEASIBLE) {
                throw new IllegalStateException("no release fits the observations of " + target.name() + ": " + brief(relevant));
            } else if (integer && !result.getState().isOptimal()) {
                return null;
            } else if (!result.getState().isFeasible()) {
                throw new IllegalStateException("solver gave " + result.getState() + " for " + target.name());
            } else {
                bounds[side] = result.getValue();
            }
        }
        return bounds;
    }

    /** Makes a combination with whole coefficients a whole number: the atom itself, or a new whole variable equal to it. */
    private static boolean whole(ExpressionsBasedModel model, Map<String, Variable> atoms, Map<Combination, Variable> wholes,
                                 Combination c) {
        if (c.terms().isEmpty() || !c.terms().values().stream().allMatch(v -> v == Math.rint(v))) {
            return false;
        }
        if (c.terms().size() == 1 && c.terms().values().iterator().next() == 1.0) {
            atom(model, atoms, c.terms().keySet().iterator().next()).integer(true);
            return true;
        }
        if (wholes.containsKey(c)) {
            return true;
        }
        Variable y = model.addVariable("whole" + wholes.size()).integer(true);
        wholes.put(c, y);
        Expression link = model.addExpression().level(0);
        c.terms().forEach((a, k) -> link.set(atom(model, atoms, a), k));
        link.set(y, -1);
        return true;
    }

    private static Variable atom(ExpressionsBasedModel model, Map<String, Variable> atoms, String name) {
        return atoms.computeIfAbsent(name, n -> model.addVariable(n).lower(0));
    }

    private static long inwardUp(double value) {
        return value == Double.NEGATIVE_INFINITY ? Long.MIN_VALUE : (long) Math.ceil(value - SLACK);
    }

    private static long inwardDown(double value) {
        return value == Double.POSITIVE_INFINITY ? Long.MAX_VALUE : (long) Math.floor(value + SLACK);
    }

    /** Atoms linked by an observation or a target (union-find); a part is named by its root atom. */
    private static final class Parts {
        private final Map<String, String> parent = new HashMap<>();

        void join(Iterable<String> atoms) {
            String first = null;
            for (String a : atoms) {
                String root = root(a);
                if (first == null) {
                    first = root;
                } else if (!root.equals(first)) {
                    parent.put(root, first);
                }
            }
        }

        String partOf(Combination c) {
            return c.terms().isEmpty() ? "" : root(c.terms().keySet().iterator().next());
        }

        private String root(String atom) {
            String r = parent.computeIfAbsent(atom, a -> a);
            while (!parent.get(r).equals(r)) {
                r = parent.get(r);
            }
            for (String a = atom; !a.equals(r); ) {        // path compression
                String next = parent.get(a);
                parent.put(a, r);
                a = next;
            }
            return r;
        }
    }
}
