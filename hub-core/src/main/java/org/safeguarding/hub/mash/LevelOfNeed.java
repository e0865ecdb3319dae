package org.safeguarding.hub.mash;

/**
 * A level of need under "Right Help, Right Time" (004:L2701): 1 universal, 2 additional/early help,
 * 3 complex (targeted early help), 4 acute/statutory.
 */
public record LevelOfNeed(int value) {
    public LevelOfNeed {
        if (value < 1 || value > 4) {
            throw new IllegalArgumentException("level of need is 1 to 4, not " + value);
        }
    }
}
