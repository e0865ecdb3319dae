package org.safeguarding.hub.intake;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;

/** Who a record is about, as the partner describes the child. Identifiers are already validated. */
public record ChildDetails(String givenName, String familyName, LocalDate dateOfBirth, String sex, String postcode,
                           String ethnicity, Map<IdentifierKind, String> identifiers) {
    public ChildDetails {
        identifiers = identifiers.isEmpty() ? Map.of() : new EnumMap<>(identifiers);
    }
}
