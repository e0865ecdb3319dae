package org.safeguarding.hub.mash;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The timescales the partnership tracks besides the RAG response clocks. */
public enum ClockKind {
    @JsonProperty("threshold-decision") THRESHOLD_DECISION,
    @JsonProperty("strategy-discussion") STRATEGY_DISCUSSION,
    @JsonProperty("icpc") ICPC,
    @JsonProperty("return-interview") RETURN_INTERVIEW,
    @JsonProperty("referrer-feedback") REFERRER_FEEDBACK,
    @JsonProperty("operation-encompass") OPERATION_ENCOMPASS,
    @JsonProperty("initial-health-assessment") INITIAL_HEALTH_ASSESSMENT;

    public String code() {
        return name().toLowerCase().replace('_', '-');
    }
}
