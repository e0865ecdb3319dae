package org.safeguarding.hub.partner;

import java.util.List;

/**
 * A partner agency, the partnerships it serves, and the OAuth2 clients (its systems) that
 * submit on its behalf. {@code noticesEndpoint} is where the hub delivers decisions and
 * escalation records; without one the agency fetches them from the API.
 * {@code contact} is how a front-line practitioner reaches the agency (partners.yml {@code contact});
 * a council that shares for {@link SharedPurpose#DIRECT_CARE} needs one: it is shown with each flag.
 */
public record Agency(String id, String name, AgencyKind kind, List<String> partnerships, List<String> clients,
                     String noticesEndpoint, ContactPoint contact) {

    /** Who to call or write to: a team's name, phone and e-mail (at least one of phone and e-mail). */
    public record ContactPoint(String name, String phone, String email) {
        public boolean reachable() {
            return phone != null && !phone.isBlank() || email != null && !email.isBlank();
        }
    }

    public Agency {
        partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
        clients = clients == null ? List.of() : List.copyOf(clients);
    }

    public boolean serves(String partnershipId) {
        return partnerships.contains(partnershipId);
    }
}
