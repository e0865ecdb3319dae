package org.safeguarding.hub.child;

/**
 * When a demographic match (no shared identifier) links a record to a known child, and when it only
 * queues the pair for a MASH practitioner. A partnership may set these differently (hub.intake.matching).
 */
public record MatchThresholds(double linkAt, double reviewAt) {

    public static final MatchThresholds DEFAULT = new MatchThresholds(0.9, 0.6);

    public MatchThresholds {
        if (!(reviewAt > 0 && reviewAt < linkAt && linkAt <= 1.0)) {
            throw new IllegalArgumentException("hub.intake.matching: need 0 < review-at < link-at <= 1, got review-at "
                    + reviewAt + ", link-at " + linkAt);
        }
    }
}
