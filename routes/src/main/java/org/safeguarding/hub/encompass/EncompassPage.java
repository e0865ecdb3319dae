package org.safeguarding.hub.encompass;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.PageContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The Operation Encompass page (MASH staff, under /pages/mash): police incidents reaching schools
 * (delivered, acknowledged, overdue) and the education safeguarding lead's review list of children
 * with no known school. The same service as the API; the read is audited by {@link SchoolNotices}.
 */
@Controller
class EncompassPage {

    private final SchoolNotices notices;
    private final PageContext pages;

    EncompassPage(SchoolNotices notices, PageContext pages) {
        this.notices = notices;
        this.pages = pages;
    }

    @GetMapping("/pages/mash/encompass")
    String page(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                @RequestParam(required = false) String partnership, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<SchoolNotices.Notice> all = notices.forPartnership(p.id(), null, Callers.actor(principal.user(), request), 500);
        model.addAttribute("review", all.stream().filter(n -> n.status().equals("no-known-school")).toList());
        model.addAttribute("toSchools", all.stream().filter(n -> n.schoolUrn() != null).toList());
        model.addAttribute("refused", all.stream().filter(n -> n.status().equals("refused")).toList());
        return "encompass";
    }
}
