package org.safeguarding.hub.partner;

import com.fasterxml.jackson.annotation.JsonValue;

/** The kinds of partner agency; each kind has its own inbound feed format. */
public enum AgencyKind {
    POLICE("police"), HEALTH("health"), EDUCATION("education"), SOCIAL_CARE("social-care"), OTHER("other");

    private final String code;

    AgencyKind(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }
}
