package org.safeguarding.hub.web;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Instants as people in England read them, for the pages ({@code ${@times.show(instant)}}). */
@Component("times")
public class Times {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.UK);
    private static final DateTimeFormatter LONG = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm", Locale.UK);

    public String show(Instant at) {
        return at == null ? "" : SHORT.format(at.atZone(LONDON));
    }

    public String full(Instant at) {
        return at == null ? "" : LONG.format(at.atZone(LONDON));
    }

    /** A date as GOV.UK writes it: "2 December 2026". */
    public String date(java.time.LocalDate day) {
        return day == null ? "" : DATE.format(day);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);
}
