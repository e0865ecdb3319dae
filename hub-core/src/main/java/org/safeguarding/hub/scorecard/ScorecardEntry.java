package org.safeguarding.hub.scorecard;

import java.time.Instant;
import java.util.List;

/**
 * One measure of a scorecard as a reader gets it: the definition, the figures, the commentary, and
 * for a published period its version ({@code version} null when live, not yet published).
 */
public record ScorecardEntry(MeasureDefinition measure, PublishedMeasure figures, Integer version,
                             Instant publishedAt, Revision revision, List<Comment> commentary) {

    /** A later version of a published period: what changed in the published figures, cell by cell. */
    public record Revision(int revises, List<Change> changes) {
    }

    /** One published cell before and after the revision ("c" where suppressed). */
    public record Change(String cell, String before, String after) {
    }

    public ScorecardEntry {
        commentary = commentary == null ? List.of() : List.copyOf(commentary);
    }
}
