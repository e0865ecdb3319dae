package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.PublishedMeasure.Earlier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Protects a publication against everything published before it, with the {@link ReleaseAudit}.
 * Measures that count the same things (their {@link MeasureComputation#series} identities match:
 * contacts received as a count and as a rate, section 47s as the numerator of one percentage and the
 * denominator of another) are audited together, because a reader combines them: a cell withheld in
 * one and shown in another protects nothing. A further cell is withheld, in every measure that shows
 * it, until the audit finds nothing a reader could pin (docs/disclosure.md).
 */
final class PublicationAudit {

    private static final Logger log = LoggerFactory.getLogger(PublicationAudit.class);

    /**
     * One measure to publish: its figures for the period, the earlier versions of the same labels (for
     * the within-table control) and every cell of it already published ({@code num|label|...} keys).
     */
    record Input(MeasureResult result, List<Earlier> earlier, List<ReleaseAudit.Released> held) {
    }

    private final MeasureEngine engine;
    private final DisclosureControl control;

    PublicationAudit(MeasureEngine engine, DisclosureControl control) {
        this.engine = engine;
        this.control = control;
    }

    /**
     * @param monthly each measure's present monthly figures over every month any of its cells covers, by measure id
     * @return the controlled figures of every input, by measure id
     */
    Map<String, PublishedMeasure> protect(String partnership, Period period, List<Input> inputs,
                                          Map<String, MeasureResult> monthly) {
        Series series = new Series(inputs, monthly);
        Map<String, PublishedMeasure> figures = new LinkedHashMap<>();
        for (List<Input> group : series.groups()) {
            figures.putAll(protectGroup(partnership, period, group, series));
        }
        return figures;
    }

    private Map<String, PublishedMeasure> protectGroup(String partnership, Period period, List<Input> group,
                                                       Series series) {
        ReleaseAudit audit = new ReleaseAudit(control.rule());
        Map<String, Long> monthly = new LinkedHashMap<>();
        List<ReleaseAudit.Released> held = new ArrayList<>();
        for (Input input : group) {
            MeasureDefinition m = input.result().measure();
            monthly.putAll(series.monthly(m));
            input.held().forEach(r -> held.add(new ReleaseAudit.Released(r.publication() + " " + m.id(),
                    series.key(m, r.key()), r.trueCount(), r.shown())));
        }
        ReleaseAudit.Shape shape = series.shape(group);
        Set<String> withheld = new LinkedHashSet<>();
        Set<String> alreadyLeaking = null;
        long start = System.nanoTime();
        int programmes = 0;
        while (true) {
            Map<String, PublishedMeasure> figures = new LinkedHashMap<>();
            List<ReleaseAudit.Released> candidate = new ArrayList<>();
            for (Input input : group) {
                MeasureDefinition m = input.result().measure();
                Set<String> own = new LinkedHashSet<>();
                counts(input.result()).forEach(key -> {
                    if (withheld.contains(series.key(m, key))) {
                        own.add(key);
                    }
                });
                PublishedMeasure f = PublishedMeasure.disclosed(input.result(), control, input.earlier(), own);
                figures.put(m.id(), f);
                f.counts().forEach((key, count) -> candidate.add(new ReleaseAudit.Released("candidate " + m.id(),
                        series.key(m, key), count, Boolean.TRUE.equals(f.suppressedCells().get(key))
                        ? OptionalLong.empty() : OptionalLong.of(control.rule().round(count)))));
            }
            ReleaseAudit.Finding finding = audit.audit(shape, monthly, held, candidate);
            programmes += finding.linearProgrammes();
            if (!finding.leaks().isEmpty() && alreadyLeaking == null) {
                alreadyLeaking = new LinkedHashSet<>();
                for (ReleaseAudit.Leak leak : audit.audit(shape, monthly, held, List.of()).leaks()) {
                    alreadyLeaking.add(leak.target());
                }
                if (!alreadyLeaking.isEmpty()) {
                    log.warn("{} {}: earlier publications already let a reader pin {} protected figure(s)",
                            partnership, ids(group), alreadyLeaking.size());
                }
            }
            Set<String> known = alreadyLeaking == null ? Set.of() : alreadyLeaking;
            List<ReleaseAudit.Leak> leaks = finding.leaks().stream().filter(l -> !known.contains(l.target())).toList();
            if (leaks.isEmpty()) {
                log.debug("{} {} {}: release audit {} linear programmes, {} cell(s) withheld, {} ms", partnership,
                        ids(group), period.label(), programmes, withheld.size(), (System.nanoTime() - start) / 1_000_000);
                return figures;
            }
            Optional<String> next = finding.suppressNext().filter(k -> !withheld.contains(k));
            if (next.isEmpty()) {
                throw new IllegalStateException("release audit: cannot protect " + leaks.get(0) + " in " + ids(group));
            }
            withheld.add(next.get());
        }
    }

    private static List<String> ids(List<Input> group) {
        return group.stream().map(i -> i.result().measure().id()).toList();
    }

    /** Every cell key of a result: numerators and, for percentages, denominators. */
    private static Set<String> counts(MeasureResult result) {
        return PublishedMeasure.unsuppressed(result).counts().keySet();
    }

    /** The present true count of every month and drill-down cell of a month, as cell keys. */
    static Map<String, Long> monthlyCounts(MeasureResult months) {
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean percent = months.measure().unit() == Unit.PERCENT;
        for (PeriodFigures p : months.trend()) {
            String label = p.period().label();
            counts.put(PublishedMeasure.key("num", label, null, null), p.total().numerator());
            if (percent) {
                counts.put(PublishedMeasure.key("den", label, null, null), p.total().denominator());
            }
            for (Cell c : p.breakdown()) {
                counts.put(PublishedMeasure.key("num", label, c.dimension(), c.category()), c.figure().numerator());
                if (percent) {
                    counts.put(PublishedMeasure.key("den", label, c.dimension(), c.category()), c.figure().denominator());
                }
            }
        }
        return counts;
    }

    /** The series of the measures being published: identities, tokens, and which measures share one. */
    private final class Series {
        private final Map<String, String> identity = new HashMap<>();
        private final Map<String, String> token = new HashMap<>();
        private final Map<String, Map<String, Long>> monthly = new HashMap<>();
        private final List<Input> inputs;

        Series(List<Input> inputs, Map<String, MeasureResult> monthlyResults) {
            this.inputs = inputs;
            Map<String, List<String>> byIdentity = new LinkedHashMap<>();
            for (Input input : inputs) {
                MeasureDefinition m = input.result().measure();
                monthly.put(m.id(), monthlyCounts(monthlyResults.get(m.id())));
                for (String role : roles(m)) {
                    String id = engine.computation(m).series(m, role);
                    identity.put(m.id() + ":" + role, id);
                    byIdentity.computeIfAbsent(id, k -> new ArrayList<>()).add(m.id() + ":" + role);
                }
            }
            // Measures claiming one identity must count the same: where their months differ, they are not one series.
            byIdentity.forEach((id, members) -> {
                Map<String, Long> first = roleCounts(members.get(0));
                for (String member : members.subList(1, members.size())) {
                    if (!roleCounts(member).equals(first)) {
                        log.warn("series '{}' of {} counts differently from {}: audited apart", id, member, members.get(0));
                        identity.put(member, id + " @" + member);
                    }
                }
            });
            identity.values().stream().distinct().forEach(id -> token.put(id, "S" + token.size()));
        }

        private Map<String, Long> roleCounts(String member) {
            String[] p = member.split(":", 2);
            Map<String, Long> counts = new HashMap<>();
            monthly.get(p[0]).forEach((key, count) -> {
                // Totals only: measures of one series may break it down by different dimensions.
                if (key.startsWith(p[1] + "|") && key.endsWith("|total")) {
                    counts.put(key.substring(p[1].length()), count);
                }
            });
            return counts;
        }

        private MeasureDefinition measure(String id) {
            return inputs.stream().map(i -> i.result().measure()).filter(m -> m.id().equals(id)).findFirst().orElseThrow();
        }

        private List<String> roles(MeasureDefinition m) {
            return m.unit() == Unit.PERCENT ? List.of("num", "den") : List.of("num");
        }

        /** A cell key with its series named by token, and a category drill-down by what it partitions by. */
        String key(MeasureDefinition m, String key) {
            String[] p = key.split("\\|", 3);
            String rest = p[2];
            if (rest.startsWith("category|")) {
                MeasureComputation c = engine.computation(m);
                String partition = c instanceof FactComputation f ? "facts-" + f.category() : c.name();
                rest = "category~" + partition + rest.substring("category".length());
            }
            return token.get(identity.get(m.id() + ":" + p[0])) + "|" + p[1] + "|" + rest;
        }

        Map<String, Long> monthly(MeasureDefinition m) {
            Map<String, Long> counts = new LinkedHashMap<>();
            monthly.get(m.id()).forEach((k, v) -> counts.put(key(m, k), v));
            return counts;
        }

        ReleaseAudit.Shape shape(List<Input> group) {
            Set<String> snapshots = new LinkedHashSet<>();
            List<ReleaseAudit.Proportion> proportions = new ArrayList<>();
            for (Input input : group) {
                MeasureDefinition m = input.result().measure();
                MeasureComputation c = engine.computation(m);
                if (c instanceof SnapshotComputation) {
                    roles(m).forEach(role -> snapshots.add(token.get(identity.get(m.id() + ":" + role))));
                }
                if (m.unit() == Unit.PERCENT && c.numeratorWithinDenominator()) {
                    proportions.add(new ReleaseAudit.Proportion(token.get(identity.get(m.id() + ":num")),
                            token.get(identity.get(m.id() + ":den"))));
                }
            }
            return new ReleaseAudit.Shape(snapshots, proportions);
        }

        /** Measures that share a series, transitively: each group is audited as one. */
        List<List<Input>> groups() {
            Map<String, String> parent = new HashMap<>();
            for (Input input : inputs) {
                String id = input.result().measure().id();
                parent.put(id, id);
            }
            Map<String, String> ownerOfToken = new HashMap<>();
            for (Input input : inputs) {
                MeasureDefinition m = input.result().measure();
                for (String role : roles(m)) {
                    String t = token.get(identity.get(m.id() + ":" + role));
                    String other = ownerOfToken.putIfAbsent(t, m.id());
                    if (other != null) {
                        parent.put(root(parent, m.id()), root(parent, other));
                    }
                }
            }
            Map<String, List<Input>> groups = new LinkedHashMap<>();
            for (Input input : inputs) {
                groups.computeIfAbsent(root(parent, input.result().measure().id()), k -> new ArrayList<>()).add(input);
            }
            return List.copyOf(groups.values());
        }

        private String root(Map<String, String> parent, String id) {
            String r = id;
            while (!parent.get(r).equals(r)) {
                r = parent.get(r);
            }
            return r;
        }
    }
}
