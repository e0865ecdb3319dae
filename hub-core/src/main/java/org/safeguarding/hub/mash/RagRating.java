package org.safeguarding.hub.mash;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The rating given to a contact on receipt; it sets the contact's response clock. */
public enum RagRating {
    @JsonProperty("red") RED, @JsonProperty("amber") AMBER, @JsonProperty("green") GREEN;

    public String code() {
        return name().toLowerCase();
    }

    public static Optional<RagRating> of(String code) {
        return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
    }

    /** Every rating's code, red first: what the API accepts and the screens offer. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(RagRating::code).toList();
    }
}
