package org.safeguarding.hub.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

import java.util.Collection;
import java.util.Map;

/** A checked bearer token whose principal is the {@link HubUser} it stands for. */
public class HubAuthentication extends AbstractOAuth2TokenAuthenticationToken<Jwt> {

    private final HubUser user;

    public HubAuthentication(Jwt jwt, HubUser user, Collection<? extends GrantedAuthority> authorities) {
        super(jwt, user, jwt, authorities);
        this.user = user;
        setAuthenticated(true);
    }

    public HubUser user() {
        return user;
    }

    @Override
    public Map<String, Object> getTokenAttributes() {
        return getToken().getClaims();
    }

    @Override
    public String getName() {
        return user.name();
    }
}
