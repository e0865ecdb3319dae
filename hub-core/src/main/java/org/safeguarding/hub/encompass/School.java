package org.safeguarding.hub.encompass;

import java.util.List;

/**
 * A school in the register (schools.yml): its DfE unique reference number (six digits), name,
 * partnership, the OAuth2 clients its designated safeguarding lead's system uses (role
 * {@code school}), and where the hub posts its Operation Encompass notices. Without an endpoint
 * the school fetches them from {@code /api/v1/schools/notices}.
 */
public record School(String urn, String name, String partnership, List<String> clients, String noticesEndpoint) {
    public School {
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public boolean hasEndpoint() {
        return noticesEndpoint != null && !noticesEndpoint.isBlank();
    }
}
