package org.safeguarding.hub.mash;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a response clock counts time (docs/domain.md "How time is counted"). */
public enum ClockBasis {
    /** Real elapsed hours; daylight-saving changes neither add nor remove time. */
    @JsonProperty("calendar-hours") CALENDAR_HOURS,
    /** All 24 hours of working days; weekends and bank holidays stop the clock. */
    @JsonProperty("working-hours") WORKING_HOURS,
    /** On or before the N-th working day after the start date (due at the midnight ending it). */
    @JsonProperty("working-days") WORKING_DAYS,
    /** Before the start of the next school day. */
    @JsonProperty("next-school-day") NEXT_SCHOOL_DAY
}
