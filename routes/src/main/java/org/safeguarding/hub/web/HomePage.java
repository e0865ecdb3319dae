package org.safeguarding.hub.web;

import org.safeguarding.hub.security.HubOidcUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The landing page is the scorecard; the refusal page for pages a role may not open; the accessibility
 * statement the Public Sector Bodies Accessibility Regulations 2018 ask for (any signed-in user).
 */
@Controller
class HomePage {

    private final PageContext pages;
    private final org.safeguarding.hub.security.WebProperties web;

    HomePage(PageContext pages, org.safeguarding.hub.security.WebProperties web) {
        this.pages = pages;
        this.web = web;
    }

    /** The scorecard; just after signing in again because a form was sent too late, that form's page. */
    @GetMapping("/")
    String home(jakarta.servlet.http.HttpServletRequest request) {
        return "redirect:" + org.safeguarding.hub.security.SignedOutForms.takeReturnTo(request.getSession(false))
                .orElse("/pages/scorecard");
    }

    /**
     * The 403 page. Every method: the access-denied handler forwards the refused request as it came,
     * so a refused form POST must land here too (a GET-only mapping answered it with a 405 page).
     * Request attribute {@code hub.csrfRefused} (set by the handler) says the form's token was missing or stale.
     */
    @RequestMapping("/pages/forbidden")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(@AuthenticationPrincipal HubOidcUser principal, Model model,
                     jakarta.servlet.http.HttpServletRequest request) {
        boolean csrf = Boolean.TRUE.equals(request.getAttribute("hub.csrfRefused"));
        model.addAttribute("csrfRefused", csrf);
        model.addAttribute("formRefused", !csrf && "POST".equals(request.getMethod()));
        pages.partnership(principal, null, model);
        return "forbidden";
    }

    @GetMapping("/pages/accessibility")
    String accessibility(@AuthenticationPrincipal HubOidcUser principal, Model model) {
        pages.partnership(principal, null, model);
        model.addAttribute("statement", web.accessibility());
        return "accessibility";
    }
}
