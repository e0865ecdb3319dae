package org.safeguarding.hub.scorecard;

import org.ojalgo.optimisation.Expression;
import org.ojalgo.optimisation.ExpressionsBasedModel;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.Variable;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Audits one measure's release as a partnership viewer could attack it: everything published of
 * the measure (every period label, every version) and a candidate publication, written as linear
 * constraints over the measure's monthly counts, and for each protected quantity the tightest
 * interval a linear programme (ojAlgo) derives. The rule it enforces (docs/disclosure.md):
 * <ul>
 *   <li>no suppressed count whose true value is 1-7, no complement (denominator minus numerator)
 *       of 1-7 and no late-data difference of 1-7 between two versions can be pinned to one value;</li>
 *   <li>no rounded count can be narrowed to one value.</li>
 * </ul>
 * What a viewer knows, as constraints: a shown count r (rounded to the nearest 5) is in
 * [r - 2, r + 2] outside the suppressed range (0 is exactly 0, 10 is 8-12); a suppressed count is
 * at least 1 (a zero is always shown as 0; a `c` may be a secondary suppression); the months of an event measure add up to its
 * quarters and rolling years, a snapshot measure's period is its last month; each drill-down
 * dimension adds up to the total; a proportion's numerator is within its denominator. Rates and
 * percentages are computed from the shown counts (PublishedMeasure), so they tell nothing more.
 * A version whose true count has changed since (late data) is tied to the present counts through
 * an unknown difference.
 *
 * <p>Cell keys are {@link PublishedMeasure#key}'s: {@code series|period|total} or
 * {@code series|period|dimension|category}; a month's key is an atom.
 */
public final class ReleaseAudit {

    /** A protected quantity an attacker can pin: {@code min} and {@code max} are the integers it is narrowed to. */
    public record Leak(String target, Kind kind, long trueValue, long min, long max) {
    }

    public enum Kind { SUPPRESSED, ROUNDED, COMPLEMENT, DIFFERENCE }

    /**
     * A cell a viewer holds (or will): {@code publication} names the version it belongs to (cells of
     * one version were computed together), {@code trueCount} is the count when it was published,
     * {@code shown} the rounded count or empty when suppressed.
     */
    public record Released(String publication, String key, long trueCount, OptionalLong shown) {
    }

    /** The audit's findings and, when there are any, the candidate cell to suppress next. */
    public record Finding(List<Leak> leaks, Optional<String> suppressNext, int linearProgrammes) {
    }

    /**
     * How the audited series count. A series is one set of counted things (contacts received; section
     * 47s started), named by a token that starts every cell key; measures that count the same things
     * share it, in whatever role (the count of one, the denominator of another).
     *
     * @param snapshots   series whose period figure is the last month's (the others are events: months add up)
     * @param proportions numerator and denominator series of proportions whose numerator counts a subset of
     *                    the denominator's things, so that the difference is a count too
     */
    public record Shape(Set<String> snapshots, List<Proportion> proportions) {
        public Shape {
            snapshots = Set.copyOf(snapshots);
            proportions = List.copyOf(proportions);
        }

        /** One measure's two series, as in the single-measure case: {@code num} and {@code den}. */
        public static Shape of(boolean snapshot, boolean numeratorWithinDenominator) {
            return new Shape(snapshot ? Set.of("num", "den") : Set.of(),
                    numeratorWithinDenominator ? List.of(new Proportion("num", "den")) : List.of());
        }
    }

    /** A proportion's numerator and denominator series. */
    public record Proportion(String numerator, String denominator) {
    }

    private static final double EPSILON = 1e-6;

    private final DisclosureRule rule;

    public ReleaseAudit(DisclosureRule rule) {
        this.rule = rule;
    }

    /**
     * @param monthly   the present true count of every monthly atom (month cell keys); absent keys are 0
     * @param held      every cell already published, from every version
     * @param candidate the cells of the publication about to be made ({@code publication} "candidate")
     */
    public Finding audit(Shape shape, Map<String, Long> monthly, List<Released> held, List<Released> candidate) {
        // Where the data says otherwise (a numerator thing outside the denominator), assume nothing.
        List<Proportion> proportions = shape.proportions().stream().filter(p -> monthly.entrySet().stream()
                .noneMatch(e -> e.getKey().startsWith(p.numerator() + "|") && e.getValue() > monthly.getOrDefault(
                        p.denominator() + e.getKey().substring(p.numerator().length()), 0L))).toList();
        shape = new Shape(shape.snapshots(), proportions);
        Model model = new Model(shape, monthly);
        List<Released> all = new ArrayList<>(held);
        all.addAll(candidate);
        all.forEach(model::observe);
        model.missingCategories(all);
        model.proportions();
        List<Leak> leaks = new ArrayList<>();
        Map<String, Target> targets = model.targets(all);
        int programmes = 0;
        for (Target t : targets.values()) {
            double[] range = model.range(t.terms());
            programmes += 2;
            long min = (long) Math.ceil(range[0] - EPSILON);
            long max = Double.isInfinite(range[1]) ? Long.MAX_VALUE : (long) Math.floor(range[1] + EPSILON);
            if (min >= max) {
                leaks.add(new Leak(t.name(), t.kind(), t.trueValue(), min, max));
            }
        }
        leaks.sort(Comparator.comparing(Leak::target));
        return new Finding(leaks, leaks.isEmpty() ? Optional.empty() : next(model, targets, leaks, candidate),
                programmes);
    }

    /**
     * The candidate cell whose suppression protects the first leak: the leaking cell itself when it is a
     * shown candidate cell, otherwise the shown candidate cell sharing the most months and cells with it,
     * the smallest non-zero count first (a suppressed zero protects little).
     */
    private Optional<String> next(Model model, Map<String, Target> targets, List<Leak> leaks, List<Released> candidate) {
        Target leaking = targets.get(leaks.get(0).target());
        // Never a zero: a zero is always shown as 0, which is what lets a reader take a "c" as at least 1.
        List<Released> shown = candidate.stream().filter(c -> c.shown().isPresent() && c.trueCount() != 0).toList();
        for (Released c : shown) {
            if (leaking.cells().contains(c.key()) && leaking.kind() == Kind.ROUNDED) {
                return Optional.of(c.key());
            }
        }
        Set<Integer> atoms = leaking.terms().keySet();
        return shown.stream()
                .max(Comparator.comparing((Released c) -> overlap(model.atomsOf(c.key()), atoms) > 0)
                        .thenComparing(c -> -c.trueCount())
                        .thenComparing(c -> overlap(model.atomsOf(c.key()), atoms)))
                .map(Released::key);
    }

    private static int overlap(Set<Integer> a, Set<Integer> b) {
        int n = 0;
        for (Integer i : a) {
            n += b.contains(i) ? 1 : 0;
        }
        return n;
    }

    /** A protected quantity: a linear combination of the model's variables, with its true value. */
    private record Target(String name, Kind kind, long trueValue, Map<Integer, Integer> terms, Set<String> cells) {
    }

    /** A constraint: the sum of {@code terms} (variable index to coefficient) lies in [lo, hi]. */
    private record Constraint(Map<Integer, Integer> terms, double lo, double hi) {
    }

    /** The viewer's knowledge as variables and constraints. */
    private final class Model {
        private final Shape shape;
        private final Map<String, Long> monthly;
        private final Map<String, Integer> variables = new LinkedHashMap<>();
        private final List<Boolean> free = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();
        private final Map<String, Set<String>> categories = new TreeMap<>();
        private final Map<String, Map<Integer, Integer>> cellTerms = new LinkedHashMap<>();
        private final Map<String, Long> slackTruth = new LinkedHashMap<>();
        private final Set<String> totalsTied = new LinkedHashSet<>();

        Model(Shape shape, Map<String, Long> monthly) {
            this.shape = shape;
            this.monthly = monthly;
            monthly.keySet().forEach(k -> {
                CellKey c = CellKey.parse(k);
                if (c.dimension() != null) {
                    categories.computeIfAbsent(c.series() + "|" + c.dimension(), x -> new TreeSet<>()).add(c.category());
                }
            });
        }

        private int variable(String name, boolean isFree) {
            return variables.computeIfAbsent(name, n -> {
                free.add(isFree);
                return free.size() - 1;
            });
        }

        /** The months a period's figure is made of: all of them for events, the last one for snapshots. */
        private List<YearMonth> months(String series, Period period) {
            YearMonth last = YearMonth.from(period.lastDay());
            if (shape.snapshots().contains(series)) {
                return List.of(last);
            }
            List<YearMonth> months = new ArrayList<>();
            for (YearMonth m = YearMonth.from(period.start()); !m.isAfter(last); m = m.plusMonths(1)) {
                months.add(m);
            }
            return months;
        }

        /** The atoms of a cell, present true count by atom; ties a month's drill-down cells to its total. */
        Map<Integer, Integer> termsOf(CellKey cell) {
            Map<Integer, Integer> terms = new TreeMap<>();
            for (YearMonth month : months(cell.series(), cell.period())) {
                String atom = cell.atom(month);
                terms.merge(variable(atom, false), 1, Integer::sum);
                if (cell.dimension() != null) {
                    categories.computeIfAbsent(cell.series() + "|" + cell.dimension(), x -> new TreeSet<>())
                            .add(cell.category());
                    tieToTotal(cell.series(), month, cell.dimension());
                }
            }
            return terms;
        }

        Set<Integer> atomsOf(String key) {
            return cellTerms.getOrDefault(key, Map.of()).keySet();
        }

        private void tieToTotal(String series, YearMonth month, String dimension) {
            totalsTied.add(series + "|" + month + "|" + dimension);
        }

        long presentTruth(CellKey cell) {
            long sum = 0;
            for (YearMonth month : months(cell.series(), cell.period())) {
                sum += monthly.getOrDefault(cell.atom(month), 0L);
            }
            return sum;
        }

        void observe(Released r) {
            CellKey cell = CellKey.parse(r.key());
            Map<Integer, Integer> terms = new TreeMap<>(termsOf(cell));
            long present = presentTruth(cell);
            if (present != r.trueCount()) {
                // Late data since this version: the viewer's figure is the present count plus an unknown difference.
                String slack = "difference:" + r.publication() + ":" + r.key();
                terms.put(variable(slack, true), 1);
                slackTruth.put(slack, r.trueCount() - present);
            }
            cellTerms.putIfAbsent(r.key(), termsOf(cell));
            double[] bounds = bounds(r.shown());
            constraints.add(new Constraint(terms, bounds[0], bounds[1]));
        }

        /** What a shown count tells: its rounding interval, less the suppressed range; a suppression: at least 1 (zeros are shown). */
        private double[] bounds(OptionalLong shown) {
            if (shown.isEmpty()) {
                return new double[] {1, Double.POSITIVE_INFINITY};
            }
            long r = shown.getAsLong();
            long lo = Math.max(0, r - rule.roundTo() / 2);
            long hi = r + (rule.roundTo() - 1 - rule.roundTo() / 2);
            if (lo >= rule.suppressFrom() && lo <= rule.suppressTo()) {
                lo = Math.min(hi, rule.suppressTo() + 1L);
            }
            if (hi >= rule.suppressFrom() && hi <= rule.suppressTo()) {
                hi = Math.max(lo, rule.suppressFrom() - 1L);
            }
            return new double[] {lo, hi};
        }

        /**
         * Categories a version's drill-down does not list had none in that period; and every month's
         * cells of a dimension add up to its total.
         */
        void missingCategories(List<Released> all) {
            Map<String, Set<String>> listed = new LinkedHashMap<>();
            Map<String, CellKey> sample = new LinkedHashMap<>();
            for (Released r : all) {
                CellKey cell = CellKey.parse(r.key());
                if (cell.dimension() != null) {
                    String group = r.publication() + "|" + cell.series() + "|" + cell.period().label() + "|" + cell.dimension();
                    listed.computeIfAbsent(group, g -> new TreeSet<>()).add(cell.category());
                    sample.putIfAbsent(group, cell);
                }
            }
            listed.forEach((group, present) -> {
                CellKey any = sample.get(group);
                for (String category : categories.getOrDefault(any.series() + "|" + any.dimension(), Set.of())) {
                    if (!present.contains(category)) {
                        CellKey none = new CellKey(any.series(), any.period(), any.dimension(), category);
                        Map<Integer, Integer> terms = new TreeMap<>(termsOf(none));
                        long truth = presentTruth(none);
                        if (truth != 0) {
                            terms.put(variable("difference:" + group + "|" + category, true), 1);
                        }
                        constraints.add(new Constraint(terms, 0, 0));
                    }
                }
            });
            for (String tie : totalsTied) {
                String[] p = tie.split("\\|", 3);
                Map<Integer, Integer> terms = new TreeMap<>();
                terms.put(variable(p[0] + "|" + p[1] + "|total", false), -1);
                for (String category : categories.getOrDefault(p[0] + "|" + p[2], Set.of())) {
                    terms.merge(variable(p[0] + "|" + p[1] + "|" + p[2] + "|" + category, false), 1, Integer::sum);
                }
                constraints.add(new Constraint(terms, 0, 0));
            }
        }

        /** A proportion's numerator counts a subset of its denominator's things, atom by atom. */
        void proportions() {
            for (Proportion p : shape.proportions()) {
                for (String name : List.copyOf(variables.keySet())) {
                    if (name.startsWith(p.numerator() + "|")) {
                        String den = p.denominator() + name.substring(p.numerator().length());
                        constraints.add(new Constraint(new TreeMap<>(Map.of(variable(den, false), 1,
                                variables.get(name), -1)), 0, Double.POSITIVE_INFINITY));
                    }
                }
            }
        }

        Map<String, Target> targets(List<Released> all) {
            Map<String, Target> targets = new LinkedHashMap<>();
            Map<String, Long> truths = new LinkedHashMap<>();
            for (Released r : all) {
                CellKey cell = CellKey.parse(r.key());
                Map<Integer, Integer> terms = cellTerms.get(r.key());
                long truth = presentTruth(cell);
                truths.put(r.key(), truth);
                if (r.shown().isEmpty()) {
                    if (rule.isSmall(truth)) {
                        targets.putIfAbsent(r.key(), new Target(r.key(), Kind.SUPPRESSED, truth, terms, Set.of(r.key())));
                    }
                } else if (truth == r.trueCount() && truth != 0) {
                    // A zero is published as exactly zero (nothing to protect); any other shown count is a target.
                    targets.putIfAbsent(r.key(), new Target(r.key(), Kind.ROUNDED, truth, terms, Set.of(r.key())));
                }
            }
            for (Proportion p : shape.proportions()) {
                truths.forEach((key, num) -> {
                    if (!key.startsWith(p.numerator() + "|")) {
                        return;
                    }
                    String rest = key.substring(p.numerator().length());
                    String denKey = p.denominator() + rest;
                    if (truths.containsKey(denKey)) {
                        long complement = truths.get(denKey) - num;
                        if (rule.isSmall(complement)) {
                            Map<Integer, Integer> terms = new TreeMap<>(cellTerms.get(denKey));
                            cellTerms.get(key).forEach((v, c) -> terms.merge(v, -c, Integer::sum));
                            String name = "complement:" + p.numerator() + ":" + denKey;
                            targets.putIfAbsent(name, new Target(name, Kind.COMPLEMENT, complement, terms, Set.of(key, denKey)));
                        }
                    }
                });
            }
            slackTruth.forEach((slack, truth) -> {
                if (rule.isSmall(Math.abs(truth))) {
                    targets.putIfAbsent(slack, new Target(slack, Kind.DIFFERENCE, truth,
                            Map.of(variables.get(slack), 1), Set.of()));
                }
            });
            return targets;
        }

        /** The least and greatest value of a combination of the variables over everything the viewer knows. */
        double[] range(Map<Integer, Integer> objective) {
            return new double[] {solve(objective, false), solve(objective, true)};
        }

        private double solve(Map<Integer, Integer> objective, boolean maximise) {
            ExpressionsBasedModel lp = new ExpressionsBasedModel();
            List<Variable> vars = new ArrayList<>(free.size());
            for (int i = 0; i < free.size(); i++) {
                Variable v = lp.addVariable("x" + i);
                if (!free.get(i)) {
                    v.lower(0);
                }
                vars.add(v);
            }
            int n = 0;
            for (Constraint c : constraints) {
                Expression e = lp.addExpression("c" + n++);
                c.terms().forEach((v, coefficient) -> e.set(vars.get(v), coefficient));
                e.lower(c.lo());
                if (!Double.isInfinite(c.hi())) {
                    e.upper(c.hi());
                }
            }
            Expression goal = lp.addExpression("goal").weight(1);
            objective.forEach((v, coefficient) -> goal.set(vars.get(v), coefficient));
            Optimisation.Result result = maximise ? lp.maximise() : lp.minimise();
            if (result.getState() == Optimisation.State.UNBOUNDED) {
                return maximise ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            }
            if (!result.getState().isOptimal()) {
                // An infeasible model means the versions disagree beyond what late data explains; never
                // treat that as safe.
                throw new IllegalStateException("release audit: the linear programme is " + result.getState());
            }
            return result.getValue();
        }
    }

    /** A parsed cell key. */
    record CellKey(String series, Period period, String dimension, String category) {

        static CellKey parse(String key) {
            String[] p = key.split("\\|", 4);
            Period period = Period.parse(p[1]);
            return p[2].equals("total") ? new CellKey(p[0], period, null, null) : new CellKey(p[0], period, p[2], p[3]);
        }

        String atom(YearMonth month) {
            return PublishedMeasure.key(series, month.toString(), dimension, category);
        }
    }
}
