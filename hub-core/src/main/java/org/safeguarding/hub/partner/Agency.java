package org.safeguarding.hub.partner;

import java.util.List;

/**
 * A partner agency, the partnerships it serves, and the OAuth2 clients (its systems) that
 * submit on its behalf. {@code noticesEndpoint} is where the hub delivers decisions and
 * escalation records; without one the agency fetches them from the API.
 */
public record Agency(String id, String name, AgencyKind kind, List<String> partnerships, List<String> clients,
                     String noticesEndpoint) {
    public Agency {
        partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public boolean serves(String partnershipId) {
        return partnerships.contains(partnershipId);
    }
}
