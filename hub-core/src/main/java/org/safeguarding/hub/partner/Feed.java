package org.safeguarding.hub.partner;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** The inbound feeds. An agency may send a feed only under an information-sharing agreement. */
public enum Feed {
    POLICE("police"),
    HEALTH("health"),
    EDUCATION("education"),
    SOCIAL_CARE("social-care"),
    /** The multi-agency referral form: any partner may refer a child to the MASH. */
    MARF("marf"),
    /** Records the MASH makes itself through the hub (RAG ratings, decisions, strategy discussions). */
    MASH("mash");

    private final String code;

    Feed(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Optional<Feed> fromCode(String code) {
        return Arrays.stream(values()).filter(f -> f.code.equals(code)).findFirst();
    }
}
