package org.safeguarding.hub.web;

import org.safeguarding.hub.security.HubOidcUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The landing page is the scorecard; the refusal page for pages a role may not open; the accessibility
 * statement the Public Sector Bodies Accessibility Regulations 2018 ask for (any signed-in user).
 */
@Controller
class HomePage {

    private final PageContext pages;

    HomePage(PageContext pages) {
        this.pages = pages;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/pages/scorecard";
    }

    /**
     * The refusal page; PageSecurity's access-denied handler forwards here keeping the request's method,
     * so a refused form post (a practitioner's post of a lead's action) is a 403 page too, not a 405.
     */
    @RequestMapping(path = "/pages/forbidden", method = {RequestMethod.GET, RequestMethod.POST})
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String forbidden(@AuthenticationPrincipal HubOidcUser principal, Model model) {
        pages.partnership(principal, null, model);
        return "forbidden";
    }

    @GetMapping("/pages/accessibility")
    String accessibility(@AuthenticationPrincipal HubOidcUser principal, Model model) {
        pages.partnership(principal, null, model);
        return "accessibility";
    }
}
