package org.safeguarding.hub.security;

import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a Keycloak access token (already checked for signature, issuer, audience and expiry) into
 * a {@link HubAuthentication}. Roles come from {@code realm_access.roles} and
 * {@code resource_access.<client>.roles}; a partner system's agency comes from the partner
 * registry by its client id ({@code azp}) and must agree with the token's {@code agency} claim;
 * staff partnerships and agency come from the {@code partnerships} and {@code agency} claims
 * (user attributes in the realm), kept only if the registry knows them.
 */
public class KeycloakTokenConverter implements Converter<Jwt, HubAuthentication> {

    private final PartnerRegistry registry;

    public KeycloakTokenConverter(PartnerRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HubAuthentication convert(Jwt jwt) {
        Set<Role> roles = roles(jwt);
        String clientId = jwt.getClaimAsString("azp");
        String claimedAgency = jwt.getClaimAsString("agency");
        Optional<Agency> partnerAgency = Optional.ofNullable(clientId).flatMap(registry::agencyOfClient);
        String agencyId;
        Set<String> partnerships;
        if (partnerAgency.isPresent()) {
            // A registered partner system: its agency comes from which system authenticated, never
            // from what it claims or sends, and it is only ever a partner system, whatever roles a
            // misconfigured service account carries. A disagreeing agency claim voids the token's roles.
            Agency agency = partnerAgency.get();
            boolean consistent = roles.contains(Role.PARTNER_SYSTEM)
                    && (claimedAgency == null || claimedAgency.equals(agency.id()));
            roles = consistent ? EnumSet.of(Role.PARTNER_SYSTEM) : EnumSet.noneOf(Role.class);
            agencyId = consistent ? agency.id() : null;
            partnerships = consistent ? Set.copyOf(agency.partnerships()) : Set.of();
        } else {
            // Staff, or a client the registry does not know: never a partner system; agency and
            // partnerships count only if the registry knows them.
            roles.remove(Role.PARTNER_SYSTEM);
            agencyId = claimedAgency != null && registry.agency(claimedAgency).isPresent() ? claimedAgency : null;
            partnerships = stringList(jwt.getClaim("partnerships")).stream()
                    .filter(id -> registry.partnership(id).isPresent()).collect(Collectors.toSet());
        }
        String name = Objects.requireNonNullElse(jwt.getClaimAsString("preferred_username"),
                Objects.requireNonNullElse(clientId, jwt.getSubject()));
        String displayName = jwt.getClaimAsString("name");
        HubUser user = new HubUser(jwt.getSubject(), name, displayName == null || displayName.isBlank() ? name : displayName,
                clientId, agencyId, partnerships, roles);
        return new HubAuthentication(jwt, user,
                roles.stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList());
    }

    private static Set<Role> roles(Jwt jwt) {
        Set<String> names = new HashSet<>();
        Map<String, Object> realm = jwt.getClaimAsMap("realm_access");
        if (realm != null) {
            names.addAll(stringList(realm.get("roles")));
        }
        Map<String, Object> resources = jwt.getClaimAsMap("resource_access");
        if (resources != null) {
            resources.values().forEach(client -> {
                if (client instanceof Map<?, ?> map) {
                    names.addAll(stringList(map.get("roles")));
                }
            });
        }
        return names.stream().map(Role::fromName).flatMap(Optional::stream)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private static List<String> stringList(Object value) {
        if (value instanceof Collection<?> items) {
            return items.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (value instanceof String s) {
            return List.of(s);
        }
        return List.of();
    }
}
