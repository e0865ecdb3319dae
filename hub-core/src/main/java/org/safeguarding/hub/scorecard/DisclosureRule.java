package org.safeguarding.hub.scorecard;

/**
 * The disclosure-control rule for everything that leaves the MASH (DfE and NHS Digital
 * conventions, docs/domain.md "Disclosure control"): counts from {@code suppressFrom} to
 * {@code suppressTo} are shown as {@code symbol}, others are rounded to the nearest {@code roundTo}.
 *
 * @param statement the rule in words, written into every published file's metadata
 */
public record DisclosureRule(int suppressFrom, int suppressTo, int roundTo, String symbol, String statement) {

    public boolean isSmall(long count) {
        return count >= suppressFrom && count <= suppressTo;
    }

    /** Nearest multiple of {@code roundTo}; halves round up (12.5 cannot occur for 5, but 2.5 for round-to 5 would). */
    public long round(long count) {
        return Math.floorDiv(count + roundTo / 2, roundTo) * roundTo;
    }
}
