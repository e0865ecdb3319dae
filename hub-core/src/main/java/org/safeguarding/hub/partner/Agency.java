package org.safeguarding.hub.partner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner agency, the partnerships it serves, and the OAuth2 clients (its systems) that
 * submit on its behalf. {@code noticesEndpoint} is where the hub delivers decisions and
 * escalation records; without one the agency fetches them from the API.
 * {@code contact} is how a front-line practitioner reaches the agency (partners.yml {@code contact});
 * a council that shares for {@link SharedPurpose#DIRECT_CARE} needs one: it is shown with each flag.
 * {@code teams} names the agency's teams for people (partners.yml {@code teams}: the team code its system
 * sends with a referral, mapped to a display name such as "Hereford Safeguarding Hub"); optional, in file order.
 */
public record Agency(String id, String name, AgencyKind kind, List<String> partnerships, List<String> clients,
                     String noticesEndpoint, ContactPoint contact, Map<String, String> teams) {

    /** Who to call or write to: a team's name, phone and e-mail (at least one of phone and e-mail). */
    public record ContactPoint(String name, String phone, String email) {
        public boolean reachable() {
            return phone != null && !phone.isBlank() || email != null && !email.isBlank();
        }
    }

    public Agency {
        partnerships = partnerships == null ? List.of() : List.copyOf(partnerships);
        clients = clients == null ? List.of() : List.copyOf(clients);
        // Kept in file order; a null name stays for the registry to refuse with its line.
        teams = teams == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(teams));
    }

    public boolean serves(String partnershipId) {
        return partnerships.contains(partnershipId);
    }
}
