package org.safeguarding.hub.calendar;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Whether the working-time calendar still covers the coming months. At start-up it logs a WARN
 * once the covered years end within {@code warn-before-end} (bank-holidays.yml, default six months),
 * naming the last covered day and what the operator does; {@code /actuator/info} shows the same
 * under {@code calendar}: {@code coversYears} [first, last], {@code lastCoveredDay} (yyyy-mm-dd)
 * and {@code warning} (absent while nothing is due).
 */
public final class CalendarStatus implements InfoContributor {

    private static final Logger log = LoggerFactory.getLogger(CalendarStatus.class);

    private final WorkingCalendar calendar;
    private final Clock clock;

    public CalendarStatus(WorkingCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The warning for today in the calendar's zone, if the covered years end soon. */
    public Optional<String> warning() {
        return calendar.covered().warning(LocalDate.now(clock.withZone(calendar.zone())));
    }

    /** Logs the warning (called once at start-up). */
    void warnIfEndingSoon() {
        warning().ifPresent(log::warn);
    }

    @Override
    public void contribute(Info.Builder builder) {
        CoveredYears covered = calendar.covered();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("coversYears", java.util.List.of(covered.first(), covered.last()));
        details.put("lastCoveredDay", covered.lastDay().toString());
        warning().ifPresent(w -> details.put("warning", w));
        builder.withDetail("calendar", details);
    }
}
