package org.safeguarding.hub.web;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.security.PageSession;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Refused form POSTs on the pages answer the hub's 403 page, not a 405 (outside tester, issue 14):
 * the access-denied handler forwards the POST to {@code /pages/forbidden}, which was GET-only.
 */
@MashHub
class PageRefusalsTest {

    private static final String PRACTITIONER = TestTokens.staff("pat", "mash-practitioner", "herefordshire");

    @Autowired
    WebApplicationContext context;
    @Autowired
    JwtDecoder decoder;
    @Autowired
    PartnerRegistry registry;

    @Test
    void aForgedOrMissingCsrfTokenIsTheForbiddenPageSayingTheFormExpired() throws Exception {
        for (String csrf : new String[] {"forged", null}) {
            var request = post("/pages/mash/contacts/" + UUID.randomUUID() + "/rag")
                    .param("partnership", "herefordshire").param("rating", "red").accept("text/html")
                    .session(PageSession.signedIn(decoder, registry, PRACTITIONER));
            if (csrf != null) {
                request.param("_csrf", csrf);
            }
            MockHttpServletResponse refused = mvc().perform(request).andReturn().getResponse();
            assertThat(refused.getStatus()).isEqualTo(403);
            MockHttpServletResponse response = forwarded(refused, true);
            String body = body(response);
            assertThat(body).contains("You cannot open this page", "The form had expired or was not sent from the hub")
                    .doesNotContain("Method not allowed");
        }
    }

    @Test
    void aPractitionerResolvingAnEscalationIsTheForbiddenPage() {
        MockHttpServletResponse response = PageSession.submit(context, PRACTITIONER, "/pages/escalations",
                "/pages/escalations/" + UUID.randomUUID() + "/resolution", "herefordshire", "resolution", "done");
        assertThat(response.getStatus()).isEqualTo(403);
        // A refused form (not a page): the refusal page says an action was refused and nothing changed.
        assertThat(body(forwarded(response, false))).contains("You cannot do this",
                "Your role does not allow this action (403), so nothing was changed").doesNotContain("Method not allowed");
    }

    @Test
    void anUnknownContactIsTheNotFoundPageNotAnInternalError() throws Exception {
        // Outside tester: the contact service's refusal (a MASH 404 in the API) reached the page as a 500.
        MockHttpServletResponse response = mvc().perform(get("/pages/mash/contacts/00000000-0000-0000-0000-000000000000")
                        .param("partnership", "herefordshire").accept("text/html")
                        .session(PageSession.signedIn(decoder, registry, PRACTITIONER)))
                .andReturn().getResponse();
        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(body(response)).contains("Not found").doesNotContain("Internal error");
        // ... and it links home (issue 14, outside tester), in the pages' layout.
        assertThat(body(response)).contains("<a class=\"govuk-link\" id=\"home-link\" href=\"/\">Go to the hub's home page</a>",
                "class=\"govuk-footer\"");
    }

    @Test
    void theAccessibilityStatementGivesItsDatesAndAContactFromConfiguration() {
        // application.yml hub.web.accessibility (the statement GOV.UK's model asks for: prepared, reviewed, contact).
        String statement = PageSession.page(context, PRACTITIONER, "/pages/accessibility", "herefordshire");
        assertThat(statement).contains("This statement was prepared on\n    <time datetime=\"2026-11-30\">30 November 2026</time>",
                "It was last reviewed on <time datetime=\"2026-12-02\">2 December 2026</time>",
                "<span id=\"contact-name\">Herefordshire Safeguarding Children Partnership business unit</span>",
                "<a class=\"govuk-link\" href=\"mailto:hscp@herefordshire.example\">hscp@herefordshire.example</a>",
                "call <span>01432 260100</span>");
    }

    /**
     * MockMvc does not run a forward: the refused POST is dispatched to its forward target here as the
     * servlet container does (same method, the handler's request attribute, the signed-in user).
     */
    private MockHttpServletResponse forwarded(MockHttpServletResponse refused, boolean csrf) {
        assertThat(refused.getForwardedUrl()).isEqualTo("/pages/forbidden");
        var session = PageSession.signedIn(decoder, registry, PRACTITIONER);
        var security = (org.springframework.security.core.context.SecurityContext) session.getAttribute(
                org.springframework.security.web.context.HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        org.springframework.security.core.context.SecurityContextHolder.setContext(security);
        try {
            return MockMvcBuilders.webAppContextSetup(context).build()
                    .perform(post("/pages/forbidden").param("partnership", "herefordshire").accept("text/html")
                            .requestAttr("hub.csrfRefused", csrf))
                    .andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            org.springframework.security.core.context.SecurityContextHolder.clearContext();
        }
    }

    private static String body(MockHttpServletResponse response) {
        try {
            return response.getContentAsString(StandardCharsets.UTF_8);
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private org.springframework.test.web.servlet.MockMvc mvc() {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean("springSecurityFilterChain", Filter.class)).build();
    }
}
