package org.safeguarding.hub.flags;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.mash.ContactViews;
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
 * The "child seen" page (MASH staff, under /pages/mash): the notices sent to the partnership's
 * councils when a flagged child was seen in unscheduled care, by a health partner's flag query or an
 * ED attendance in the health feed, newest first (at most 500). The read is audited by {@link ChildSeenLog}.
 */
@Controller
class ChildSeenPage {

    private final ChildSeenLog log;
    private final PageContext pages;
    private final ContactViews contacts;

    ChildSeenPage(ChildSeenLog log, PageContext pages, ContactViews contacts) {
        this.log = log;
        this.pages = pages;
        this.contacts = contacts;
    }

    @GetMapping("/pages/mash/child-seen")
    String page(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                @RequestParam(required = false) String partnership, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<ChildSeenLog.Seen> seen = log.forPartnership(p.id(), Callers.actor(principal.user(), request), 500);
        model.addAttribute("seen", seen);
        model.addAttribute("children", contacts.childNames(seen.stream().map(ChildSeenLog.Seen::childId).distinct().toList()));
        return "child-seen";
    }
}
