package org.safeguarding.hub.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.util.Collection;

/**
 * A member of staff signed in to the pages: the OpenID Connect user, and the {@link HubUser} their
 * access token stands for, checked and mapped exactly as a bearer token on the API is.
 */
public final class HubOidcUser extends DefaultOidcUser {

    private final HubUser user;

    HubOidcUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo,
                HubUser user) {
        super(authorities, idToken, userInfo, "sub");
        this.user = user;
    }

    public HubUser user() {
        return user;
    }

    @Override
    public String getName() {
        return user.name();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HubOidcUser o && super.equals(o) && user.equals(o.user);
    }

    @Override
    public int hashCode() {
        return super.hashCode() * 31 + user.hashCode();
    }
}
