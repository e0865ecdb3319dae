package org.safeguarding.hub.mash;

import java.util.List;
import java.util.stream.IntStream;

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

    /** The four levels, 1 to 4: what a decision form offers. */
    public static List<LevelOfNeed> all() {
        return IntStream.rangeClosed(1, 4).mapToObj(LevelOfNeed::new).toList();
    }

    /** The level's words on the MASH screen, after its number. */
    public String title() {
        return switch (value) {
            case 1 -> "Universal";
            case 2 -> "Early help";
            case 3 -> "Targeted / child in need";
            default -> "Specialist / child protection";
        };
    }
}
