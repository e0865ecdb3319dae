package org.safeguarding.hub.security;

import io.github.bucket4j.TimeMeter;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;

/**
 * Every endpoint needs a valid bearer token except the health probes and the FHIR CapabilityStatement. Finer rules (which role may
 * call what) sit on the endpoints themselves ({@code @PreAuthorize}) and are tested as a matrix
 * (AccessMatrix in the tests), against locally signed tokens and against a real Keycloak.
 *
 * <p>Tokens are checked for signature, issuer, audience and expiry by {@link TokenChecks}, then
 * mapped to a {@link HubUser} by {@link KeycloakTokenConverter}. Refusals are problem+json
 * ({@link SecurityProblems}); request size and per-client rate limits are filters here.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET) // not for ./hub verify-audit
@EnableMethodSecurity
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, PartnerRegistry registry, SecurityProperties properties,
                           DataSource dataSource) throws Exception {
        SecurityProblems problems = new SecurityProblems();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        // Metrics carry no child-level label; a scraper needs no other role (docs/decisions.md).
                        .requestMatchers(HttpMethod.GET, "/actuator/prometheus").hasRole(Role.HUB_METRICS.roleName())
                        // FHIR clients read the CapabilityStatement before they sign in (docs/decisions.md)
                        .requestMatchers(HttpMethod.GET, "/fhir/metadata").permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.HUB_ADMIN.roleName())
                        .anyRequest().authenticated())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable()) // bearer tokens only; no cookies to ride on
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny())
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000))
                        .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy",
                                "camera=(), microphone=(), geolocation=(), payment=()"))
                        .addHeaderWriter(new StaticHeadersWriter("Cross-Origin-Opener-Policy", "same-origin")))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(oauth2 -> oauth2
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(new KeycloakTokenConverter(registry))))
                .addFilterAfter(cors(properties.corsAllowedOrigins()), HeaderWriterFilter.class)
                .addFilterBefore(new RequestSizeLimit(properties.maxRequestSize().toBytes()), DisableEncodeUrlFilter.class)
                .addFilterAfter(new RateLimiter(properties.rateLimit(),
                        new ClientBuckets(properties.rateLimit(), dataSource, TimeMeter.SYSTEM_MILLISECONDS,
                                System.currentTimeMillis())), BearerTokenAuthenticationFilter.class);
        return http.build();
    }

    /** {@code @partnerships} of the controllers' {@code @PreAuthorize} expressions. */
    @Bean
    Partnerships partnerships(PartnerRegistry registry) {
        return new Partnerships(registry);
    }

    /** Closed unless origins are configured: a cross-origin request from anywhere else is refused. */
    private static CorsFilter cors(List<String> allowedOrigins) {
        CorsConfiguration config = new CorsConfiguration();
        config.setAllowedOrigins(allowedOrigins);
        config.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        config.setAllowedHeaders(List.of("Authorization", "Content-Type", "Accept", "Idempotency-Key"));
        config.setAllowCredentials(false);
        config.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", config);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor());
        return filter;
    }
}
