package org.safeguarding.hub.intake;

/**
 * How a partner's format names a field the hub's own rules refer to. The hub's rules (partnership
 * routing, the MASH's clocks, pathway links) name fields by the JSON contracts' dotted paths
 * ({@code child.postcode}, {@code receivedAt}, {@code missingEpisode.agency}); the adapter that read
 * the record says what the partner calls it: {@code postcode} in the schools CSV,
 * {@code Patient.address.postalCode} in FHIR, {@code /records/3/child/postcode} in a JSON batch.
 * A rejection must name the field so that the partner can find it in its own file (issue 12 item 11).
 */
@FunctionalInterface
public interface PartnerFields {

    /** Names as the hub writes them; for records built without an adapter (tests, replays of old rows). */
    PartnerFields AS_IS = field -> field;

    /** @param hubField a dotted path of the JSON contracts, e.g. {@code child.postcode} */
    String name(String hubField);
}
