package org.safeguarding.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A browser's navigation: the request's {@code Accept} names {@code text/html} itself (a browser sends
 * {@code text/html,application/xhtml+xml,...}), not only through a wildcard ({@code *}{@code /*}, which is
 * what scripts, API clients and HTTP libraries send, or no {@code Accept} at all).
 *
 * <p>The one rule for who is sent to sign in (issue 13): an anonymous browser navigating to the pages or
 * to Swagger UI is redirected to the hub's sign-in (Keycloak); any other anonymous request gets 401
 * problem+json with {@code WWW-Authenticate}, as the API answers ({@link #signInOr401}). The same rule
 * picks the HTML error page over problem+json for an error on a page ({@code web.PageErrors}).
 */
public final class BrowserNavigation implements RequestMatcher {

    private static final BrowserNavigation INSTANCE = new BrowserNavigation();

    private BrowserNavigation() {
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        return asksForHtml(request);
    }

    /** True when {@code Accept} names text/html (or XHTML) other than by a wildcard; false when absent or unreadable. */
    public static boolean asksForHtml(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        if (accept == null) {
            return false;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> !type.isWildcardType()
                    && (type.isCompatibleWith(MediaType.TEXT_HTML) || type.isCompatibleWith(MediaType.APPLICATION_XHTML_XML)));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /**
     * The anonymous answer of a filter chain: a browser's navigation matching {@code signInFor} is sent
     * to sign in to the pages; everything else gets 401 problem+json ({@link SecurityProblems}).
     */
    static void signInOr401(HttpSecurity http, RequestMatcher signInFor, SecurityProblems problems) throws Exception {
        LoginUrlAuthenticationEntryPoint signIn = new LoginUrlAuthenticationEntryPoint(
                "/oauth2/authorization/" + PageSecurity.REGISTRATION);
        http.exceptionHandling((ExceptionHandlingConfigurer<HttpSecurity> exceptions) -> exceptions
                .defaultAuthenticationEntryPointFor(signIn, request -> signInFor.matches(request) && INSTANCE.matches(request))
                .defaultAuthenticationEntryPointFor(problems, AnyRequestMatcher.INSTANCE));
    }
}
