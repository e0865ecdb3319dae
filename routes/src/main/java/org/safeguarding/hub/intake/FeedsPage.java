package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.PageContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.util.List;

/**
 * The feeds page: per partner agency serving the partnership and feed, when it last sent, how
 * many messages and records, how many were rejected, and what waits in quarantine. Counts only,
 * read by {@link FeedActivity}.
 */
@Controller
class FeedsPage {

    private final FeedActivity activity;
    private final PageContext pages;

    FeedsPage(FeedActivity activity, PageContext pages) {
        this.activity = activity;
        this.pages = pages;
    }

    /** One partner feed's figures with its agency's name; the rejection rate is rejected / records, as a percentage. */
    record FeedLine(FeedActivity.Feed figures, String agency) {

        public String rejectionRate() {
            return figures.records() == 0 ? "-" : String.format("%.1f%%", 100.0 * figures.rejected() / figures.records());
        }
    }

    @GetMapping("/pages/feeds")
    String page(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<FeedLine> lines = activity.of(p.id()).stream()
                .map(f -> new FeedLine(f, pages.agencyName(f.agencyId()))).toList();
        model.addAttribute("feeds", lines);
        return "feeds";
    }
}
