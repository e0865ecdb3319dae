package org.safeguarding.hub.fhir;

/**
 * The largest request body the FHIR server takes, in bytes: the intake endpoints' own limit
 * ({@code hub.intake.max-body-bytes}, provided by intake), so {@code POST /fhir} refuses what
 * {@code POST /api/v1/intake/health} refuses, and before reading it (413, {@link FhirServer}).
 */
@FunctionalInterface
public interface BodyLimit {

    /** The limit in bytes; a larger body gets 413. */
    long maxBytes();
}
