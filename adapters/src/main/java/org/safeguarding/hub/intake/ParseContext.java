package org.safeguarding.hub.intake;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Who sent the message (from the principal, never the payload) and when it arrived. */
public record ParseContext(String agencyId, Instant receivedAt) {

    public static final ZoneId LONDON = ZoneId.of("Europe/London");

    public LocalDate today() {
        return receivedAt.atZone(LONDON).toLocalDate();
    }
}
