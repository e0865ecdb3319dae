package org.safeguarding.hub.security;

import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * After a page sign-in, the access token Keycloak issued to {@code hub-web} goes through the same
 * {@link TokenChecks} decoder and {@link KeycloakTokenConverter} as an API bearer token: one place
 * decides roles, partnerships and agency for both.
 */
final class HubOidcUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    private final OidcUserService delegate = new OidcUserService();
    private final JwtDecoder decoder;
    private final KeycloakTokenConverter converter;

    HubOidcUserService(JwtDecoder decoder, KeycloakTokenConverter converter) {
        this.decoder = decoder;
        this.converter = converter;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        OidcUser oidc = delegate.loadUser(request);
        HubAuthentication checked;
        try {
            checked = converter.convert(decoder.decode(request.getAccessToken().getTokenValue()));
        } catch (JwtException e) {
            throw new OAuth2AuthenticationException(new OAuth2Error("invalid_token", "the access token was refused", null), e);
        }
        return new HubOidcUser(checked.getAuthorities(), oidc.getIdToken(), oidc.getUserInfo(), checked.user());
    }
}
