package org.safeguarding.hub.child;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Who a record is about, as the partner describes the child; the date of birth with the precision
 * given. Identifiers are already validated and
 * are linking keys: a placeholder ({@link IdentifierKind#isPlaceholder}) is never among them.
 * {@code warnings} say, in the partner's field names, what of the description the hub did not use
 * (a placeholder NHS number); they go into the record's outcome.
 */
public record ChildDetails(String givenName, String familyName, BirthDate dateOfBirth, String sex, String postcode,
                           String ethnicity, Map<IdentifierKind, String> identifiers,
                           List<Warning> warnings) {

    /** Something of the description the hub did not use: the field in the partner's terms, and why. */
    public record Warning(String field, String reason) {
    }

    public ChildDetails {
        identifiers = identifiers.isEmpty() ? Map.of() : new EnumMap<>(identifiers);
        identifiers.forEach((kind, value) -> {
            if (kind.isPlaceholder(value)) {
                throw new IllegalArgumentException("a placeholder " + kind.code() + " is no linking key");
            }
        });
        warnings = List.copyOf(warnings);
    }

    /** A child whose date of birth, if known, is a full date. */
    public ChildDetails(String givenName, String familyName, LocalDate dateOfBirth, String sex, String postcode,
                        String ethnicity, Map<IdentifierKind, String> identifiers) {
        this(givenName, familyName, BirthDate.of(dateOfBirth), sex, postcode, ethnicity, identifiers, List.of());
    }
}
