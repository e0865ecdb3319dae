package org.safeguarding.hub.security;

import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * The API contract (the OpenAPI document at /v3/api-docs and Swagger UI at /swagger-ui.html, see
 * openapi.ApiContract) for anyone the hub knows, never anonymously: a partner system or a script with
 * its bearer token, or a member of staff signed in to the pages (the same session; Swagger UI's own
 * request for the document carries it). An anonymous browser navigating to Swagger UI is sent to sign in;
 * any other anonymous request (the document, or Swagger UI asked for by a script) gets 401 problem+json:
 * the one rule of {@link BrowserNavigation}. It describes the API only: it holds no child-level data.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ApiDocsSecurity {

    @Bean
    @Order(2)
    SecurityFilterChain apiDocs(HttpSecurity http, PartnerRegistry registry) throws Exception {
        SecurityProblems problems = new SecurityProblems();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        var ui = new OrRequestMatcher(paths.matcher("/swagger-ui.html"), paths.matcher("/swagger-ui/**"));
        http.securityMatcher("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .csrf(csrf -> csrf.disable()) // reads only; a bearer token or the pages' session
                .exceptionHandling(exceptions -> exceptions.accessDeniedHandler(problems))
                .oauth2ResourceServer(oauth2 -> oauth2
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakTokenConverter(registry))))
                .headers(headers -> headers
                        // Swagger UI sets styles inline and draws its icons as data: images.
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; img-src 'self' data:; "
                                + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; "
                                + "frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        BrowserNavigation.signInOr401(http, ui, problems);
        return http.build();
    }
}
