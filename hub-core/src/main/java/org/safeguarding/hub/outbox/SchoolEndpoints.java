package org.safeguarding.hub.outbox;

import java.util.Optional;

/**
 * Where a message for one school ({@link OutboundMessage#destinationSchoolUrn()}) is posted: the
 * school's notices endpoint from the school register (encompass.SchoolRegister), empty when the
 * school fetches its notices itself. An interface here so that the outbox knows no feature.
 */
@FunctionalInterface
public interface SchoolEndpoints {

    /** The endpoint of the school with {@code urn}, or empty (unknown school, or one that fetches). */
    Optional<String> endpointOf(String urn);
}
