package org.safeguarding.hub.security;

import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import java.net.URI;

/**
 * The pages: staff sign in through Keycloak with the realm's public {@code hub-web} client
 * (authorization code + PKCE, which Spring Security uses for every public client), into a session
 * kept in the database by Spring Session JDBC (V60), so that any node behind a load balancer serves it.
 * A second filter chain, ahead of the API's bearer-token chain, and only for the pages' paths.
 * The access token is checked and mapped like an API token ({@link HubOidcUserService}); the same
 * {@code ROLE_<name>} authorities then guard the pages. Endpoints are configured, not discovered,
 * so the hub starts while Keycloak is still starting.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for ./hub verify-audit
class PageSecurity {

    static final String REGISTRATION = "hub-web";

    @Bean
    ClientRegistrationRepository clientRegistrations(OAuth2ResourceServerProperties resourceServer, WebProperties web) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        String oidc = issuer + "/protocol/openid-connect";
        return new InMemoryClientRegistrationRepository(ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(web.clientId())
                .clientName("Keycloak")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(oidc + "/auth")
                .tokenUri(oidc + "/token")
                .jwkSetUri(oidc + "/certs")
                .issuerUri(issuer)
                .userNameAttributeName("sub")
                .providerConfigurationMetadata(java.util.Map.of("end_session_endpoint", oidc + "/logout"))
                .build());
    }

    @Bean
    @Order(1)
    SecurityFilterChain pages(HttpSecurity http, JwtDecoder decoder, PartnerRegistry registry,
                              ClientRegistrationRepository registrations, OAuth2ResourceServerProperties resourceServer)
            throws Exception {
        String staff = Role.MASH_PRACTITIONER.roleName();
        String lead = Role.MASH_LEAD.roleName();
        OidcClientInitiatedLogoutSuccessHandler logout = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logout.setPostLogoutRedirectUri("{baseUrl}/");
        URI issuer = URI.create(resourceServer.getJwt().getIssuerUri());
        String keycloak = issuer.getScheme() + "://" + issuer.getAuthority();
        http.securityMatcher("/", "/pages/**", "/login/**", "/oauth2/**", "/logout", "/webjars/**", "/assets/**", "/favicon.ico")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/assets/**", "/favicon.ico").permitAll()
                        .requestMatchers("/pages/forbidden").authenticated()
                        // Child-level pages: MASH staff only (a partnership viewer sees aggregates only).
                        // The lead's actions on escalations; commentary by the board and leads; publishing by the
                        // staff roles of hub.scorecard.publishers (checked by ScorecardActions; this is their outer bound).
                        .requestMatchers(HttpMethod.POST, "/pages/escalations/**").hasRole(lead)
                        .requestMatchers(HttpMethod.POST, "/pages/scorecard/commentary").hasAnyRole(
                                Role.PARTNERSHIP_VIEWER.roleName(), lead)
                        .requestMatchers(HttpMethod.POST, "/pages/scorecard/publication").hasAnyRole(staff, lead,
                                Role.PARTNERSHIP_VIEWER.roleName(), Role.HUB_ADMIN.roleName())
                        .requestMatchers("/pages/mash/**", "/pages/escalations/**").hasAnyRole(staff, lead)
                        .requestMatchers("/pages/feeds/**").hasAnyRole(staff, lead, Role.HUB_ADMIN.roleName())
                        .anyRequest().authenticated())
                .oauth2Login(login -> login
                        .loginPage("/oauth2/authorization/" + REGISTRATION)
                        // In the session (in the database), not in this node's memory, like everything of a sign-in.
                        .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                        .userInfoEndpoint(user -> user.oidcUserService(
                                new HubOidcUserService(decoder, new KeycloakTokenConverter(registry)))))
                .logout(out -> out.logoutSuccessHandler(logout))
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler((request, response, denied) -> {
                    if (SignedOutForms.handle(request, response, denied)) {
                        return; // a form sent after the session ended: sign in again, then back to the form
                    }
                    response.setStatus(403);
                    request.setAttribute("hub.csrfRefused",
                            denied instanceof org.springframework.security.web.csrf.CsrfException);
                    request.getRequestDispatcher("/pages/forbidden").forward(request, response);
                }))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self' " + keycloak))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=()")));
        // A browser is sent to sign in; a script asking for a page without a session gets 401 problem+json.
        BrowserNavigation.signInOr401(http, AnyRequestMatcher.INSTANCE, new SecurityProblems());
        return http.build();
    }
}
