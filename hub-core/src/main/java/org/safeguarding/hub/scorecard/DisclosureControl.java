package org.safeguarding.hub.scorecard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Disclosure control for counts that leave the MASH (docs/domain.md; DfE and NHS Digital conventions).
 * Primary: counts from 1 to 7 are suppressed. Secondary: wherever published numbers are tied by an
 * additive relation (a total and its breakdown cells; a revised count, the count published before
 * and the late-data difference between them) and exactly one term is unknown to a reader, that
 * term could be worked out; if it is protected (a suppressed count, or a small hidden difference),
 * a further free cell of the relation is suppressed, the smallest first, until no relation has a
 * single protected unknown. Counts left are rounded to the nearest 5.
 *
 * <p>Deemed recoverable in exact arithmetic on the true counts: rounding is not relied on to hide
 * anything, so the rule holds however the rounding falls.
 */
public final class DisclosureControl {

    /** How a term of a relation stands in this publication. */
    public enum Term {
        /** A cell of this publication: published unless suppressed here. */
        FREE,
        /** Published earlier and shown as a number: known to every reader; cannot change now. */
        KNOWN,
        /** Published earlier as suppressed: unknown to readers and protected. */
        KNOWN_SUPPRESSED,
        /** Never published (e.g. the late-data difference between two versions): unknown; protected when small. */
        HIDDEN
    }

    /** {@code total} is the sum of {@code parts}. */
    public record Relation(String total, List<String> parts) {
        public Relation {
            parts = List.copyOf(parts);
        }

        List<String> terms() {
            List<String> terms = new ArrayList<>(parts);
            terms.add(0, total);
            return terms;
        }
    }

    /** What a reader sees of one free cell: {@code shown} is the rounded count, or empty when suppressed. */
    public record Disclosed(long trueCount, boolean suppressed, Optional<Long> shown) {
    }

    private final DisclosureRule rule;

    public DisclosureControl(DisclosureRule rule) {
        this.rule = rule;
    }

    public DisclosureRule rule() {
        return rule;
    }

    /** {@link #apply(Map, Map, List, Set)} with nothing withheld beforehand. */
    public Map<String, Disclosed> apply(Map<String, Long> counts, Map<String, Term> kinds, List<Relation> relations) {
        return apply(counts, kinds, relations, Set.of());
    }

    /**
     * @param counts    true counts of every term named in {@code relations} and of every free cell
     * @param kinds     how each term stands; terms not named are {@link Term#FREE}
     * @param relations the additive relations a reader could use
     * @param withheld  free cells to suppress whatever their count: those the release audit found
     *                  would let a reader pin a protected count across the whole release ({@link ReleaseAudit})
     * @return the free cells as disclosed, in the order of {@code counts}
     */
    public Map<String, Disclosed> apply(Map<String, Long> counts, Map<String, Term> kinds, List<Relation> relations,
                                        Set<String> withheld) {
        Set<String> suppressed = new HashSet<>(withheld);
        counts.forEach((key, count) -> {
            if (kind(kinds, key) == Term.FREE && rule.isSmall(count)) {
                suppressed.add(key);
            }
        });
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Relation relation : relations) {
                List<String> unknown = relation.terms().stream()
                        .filter(t -> isUnknown(t, kinds, suppressed)).toList();
                if (unknown.size() != 1 || !isProtected(unknown.get(0), counts, kinds)) {
                    continue;
                }
                // Complementary suppression: the smallest free published term, never a zero: zeros are always
                // shown as 0, so a reader knows a suppressed cell holds at least 1 (ReleaseAudit relies on it).
                Optional<String> complement = relation.terms().stream()
                        .filter(t -> kind(kinds, t) == Term.FREE && !suppressed.contains(t) && counts.getOrDefault(t, 0L) != 0)
                        .min(Comparator.comparing((String t) -> counts.getOrDefault(t, 0L)));
                if (complement.isEmpty()) {
                    throw new IllegalStateException("cannot protect " + unknown.get(0) + ": every other term of "
                            + relation + " is already published");
                }
                suppressed.add(complement.get());
                changed = true;
            }
        }
        Map<String, Disclosed> disclosed = new LinkedHashMap<>();
        counts.forEach((key, count) -> {
            if (kind(kinds, key) == Term.FREE) {
                boolean hide = suppressed.contains(key);
                disclosed.put(key, new Disclosed(count, hide, hide ? Optional.empty() : Optional.of(rule.round(count))));
            }
        });
        return disclosed;
    }

    private static Term kind(Map<String, Term> kinds, String key) {
        return kinds.getOrDefault(key, Term.FREE);
    }

    private static boolean isUnknown(String term, Map<String, Term> kinds, Set<String> suppressed) {
        return switch (kind(kinds, term)) {
            case FREE -> suppressed.contains(term);
            case KNOWN -> false;
            case KNOWN_SUPPRESSED, HIDDEN -> true;
        };
    }

    private boolean isProtected(String term, Map<String, Long> counts, Map<String, Term> kinds) {
        // A suppressed count is protected; a hidden one (never published) only when it is small itself.
        return kind(kinds, term) != Term.HIDDEN || rule.isSmall(Math.abs(counts.getOrDefault(term, 0L)));
    }
}
