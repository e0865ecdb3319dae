package org.safeguarding.hub.security;

import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * A page session as a sign-in leaves it, without Keycloak's redirects: the access token is checked by
 * the hub's own decoder and mapped by {@link KeycloakTokenConverter}, as {@link HubOidcUserService}
 * does after a real sign-in; the pages' filter chain then guards every request as usual.
 */
public final class PageSession {

    private PageSession() {
    }

    /** A session signed in as the holder of {@code token} (e.g. a {@code TestTokens.staff} token). */
    public static MockHttpSession signedIn(JwtDecoder decoder, PartnerRegistry registry, String token) {
        Jwt jwt = decoder.decode(token);
        HubAuthentication checked = new KeycloakTokenConverter(registry).convert(jwt);
        HubOidcUser user = new HubOidcUser(checked.getAuthorities(),
                new OidcIdToken(token, jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims()), null, checked.user());
        MockHttpSession session = new MockHttpSession();
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
                new OAuth2AuthenticationToken(user, user.getAuthorities(), PageSecurity.REGISTRATION)));
        return session;
    }
}
