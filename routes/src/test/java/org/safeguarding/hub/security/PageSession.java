package org.safeguarding.hub.security;

import jakarta.servlet.Filter;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

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
        return signIn(new MockHttpSession(), decoder, registry, token);
    }

    /** {@code session} (a browser's, perhaps holding what the hub kept before sign-in) signed in as the holder of {@code token}. */
    public static MockHttpSession signIn(MockHttpSession session, JwtDecoder decoder, PartnerRegistry registry, String token) {
        Jwt jwt = decoder.decode(token);
        HubAuthentication checked = new KeycloakTokenConverter(registry).convert(jwt);
        HubOidcUser user = new HubOidcUser(checked.getAuthorities(),
                new OidcIdToken(token, jwt.getIssuedAt(), jwt.getExpiresAt(), jwt.getClaims()), null, checked.user());
        session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, new SecurityContextImpl(
                new OAuth2AuthenticationToken(user, user.getAuthorities(), PageSecurity.REGISTRATION)));
        return session;
    }

    /**
     * The HTML of page {@code path} for {@code partnership}, opened through the pages' filter chain in a
     * session signed in as the holder of {@code token}; the page must answer 200.
     */
    public static String page(WebApplicationContext context, String token, String path, String partnership) {
        MockMvc mvc = mvc(context);
        try {
            var response = mvc.perform(get(path).param("partnership", partnership).session(signedIn(
                    context.getBean(JwtDecoder.class), context.getBean(PartnerRegistry.class), token)))
                    .andReturn().getResponse();
            assertThat(response.getStatus()).as(path).isEqualTo(200);
            return response.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A form sent as a browser sends it: page {@code formPage} of {@code partnership} is opened in a
     * session signed in as the holder of {@code token} (it must answer 200), then {@code action} is posted
     * in that session, as HTML, with the CSRF token the page carried and {@code fields} as name, value pairs.
     * The answer as it came (a redirect, or the 403 page).
     */
    public static MockHttpServletResponse submit(WebApplicationContext context, String token, String formPage,
                                                 String action, String partnership, String... fields) {
        return send(mvc(context), signedIn(context.getBean(JwtDecoder.class), context.getBean(PartnerRegistry.class), token),
                formPage, action, partnership, fields).getResponse();
    }

    /** The form sent in {@code session}, as {@link #submit} describes. */
    private static org.springframework.test.web.servlet.MvcResult send(MockMvc mvc, MockHttpSession session,
                                                                      String formPage, String action, String partnership,
                                                                      String... fields) {
        try {
            var form = mvc.perform(get(formPage).param("partnership", partnership).session(session)).andReturn().getResponse();
            assertThat(form.getStatus()).as(formPage).isEqualTo(200);
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.getContentAsString(StandardCharsets.UTF_8));
            assertThat(csrf.find()).as("a CSRF token on " + formPage).isTrue();
            var request = post(action).param("partnership", partnership).param("_csrf", csrf.group(1)).session(session)
                    .accept(org.springframework.http.MediaType.TEXT_HTML);
            for (int i = 0; i < fields.length; i += 2) {
                request.param(fields[i], fields[i + 1]);
            }
            return mvc.perform(request).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@link #submit}, then, as a browser follows a redirect, the page it names opened in the same session
     * (so that flash attributes, such as a refused form's errors and typed text, arrive): that page's HTML.
     * The answer to the form must be a redirect, and the page 200.
     */
    public static String submitAndFollow(WebApplicationContext context, String token, String formPage, String action,
                                         String partnership, String... fields) {
        MockMvc mvc = mvc(context);
        MockHttpSession session = signedIn(context.getBean(JwtDecoder.class), context.getBean(PartnerRegistry.class), token);
        var sent = send(mvc, session, formPage, action, partnership, fields);
        try {
            assertThat(sent.getResponse().getStatus()).as(action).isEqualTo(302);
            var page = mvc.perform(get(sent.getResponse().getRedirectedUrl().replaceFirst("#.*", "")).session(session)
                    .flashAttrs(sent.getFlashMap())).andReturn().getResponse();
            assertThat(page.getStatus()).as(sent.getResponse().getRedirectedUrl()).isEqualTo(200);
            return page.getContentAsString(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hub's MVC behind the pages' filter chain. */
    private static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }
}
