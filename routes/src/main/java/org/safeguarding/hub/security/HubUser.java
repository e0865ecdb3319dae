package org.safeguarding.hub.security;

import java.io.Serializable;
import java.util.Set;

/**
 * Who is calling, as the hub sees them after the token is checked: a partner system bound to its
 * agency, or a member of staff with roles in one or more partnerships.
 *
 * @param subject       the token subject (user id or service-account id)
 * @param name          a readable name for the audit trail (username or client id)
 * @param displayName   what a person is called on the pages (the token's {@code name}, else {@code name});
 *                      shown through {@link DisplayNames}, which names a partner system by its agency
 * @param clientId      the OAuth2 client the token was issued to ({@code azp})
 * @param agencyId      the agency the caller acts for; for partner systems, from the registry, never the payload
 * @param partnerships  the partnerships whose child-level data staff may see
 * @param roles         the hub roles the token carries
 *
 * <p>Serializable: a signed-in member of staff's page session is stored in the database (Spring Session
 * JDBC) for every node to read.
 */
public record HubUser(String subject, String name, String displayName, String clientId, String agencyId, Set<String> partnerships,
                      Set<Role> roles) implements Serializable {

    public HubUser {
        partnerships = Set.copyOf(partnerships);
        roles = Set.copyOf(roles);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isPartnerSystem() {
        return has(Role.PARTNER_SYSTEM);
    }

    public boolean canSeePartnership(String partnershipId) {
        return partnerships.contains(partnershipId);
    }
}
