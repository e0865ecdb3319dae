package org.safeguarding.hub.scorecard;

import java.time.Instant;

/** The measure owner's narrative for a period (004:L2424 "gaps in commentary"), with who wrote it and when. */
public record Comment(String measureId, String period, String author, String authorAgency, Instant writtenAt,
                      String text) {
}
