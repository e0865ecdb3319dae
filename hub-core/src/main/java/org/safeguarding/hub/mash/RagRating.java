package org.safeguarding.hub.mash;

import org.safeguarding.hub.validation.Codes;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Optional;

/** The rating given to a contact on receipt; it sets the contact's response clock. */
public enum RagRating {
    @JsonProperty("red") RED, @JsonProperty("amber") AMBER, @JsonProperty("green") GREEN;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<RagRating> of(String code) {
        return Codes.parse(RagRating.class, code);
    }

    /** Every rating's code, red first: what the API accepts and the screens offer. */
    public static List<String> codes() {
        return Codes.all(RagRating.class);
    }
}
