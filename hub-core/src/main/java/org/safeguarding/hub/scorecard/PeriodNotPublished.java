package org.safeguarding.hub.scorecard;

/**
 * A disclosure-controlled scorecard was asked for a period not published yet: figures leave the MASH
 * only as publications of closed periods (measures.yml {@code publishing}, or a MASH lead's publish).
 */
public class PeriodNotPublished extends RuntimeException {

    public PeriodNotPublished(String partnership, Period period) {
        super("the scorecard for " + period.label() + " has not been published for " + partnership
                + "; figures are published after a period closes");
    }
}
