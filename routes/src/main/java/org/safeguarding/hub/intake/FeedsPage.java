package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.PageContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.safeguarding.hub.security.WebProperties;

import java.time.Clock;
import java.time.Duration;
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
    private final org.safeguarding.hub.partner.PartnerRegistry registry;
    private final Duration quietAfter;
    private final Clock clock;

    FeedsPage(FeedActivity activity, PageContext pages, org.safeguarding.hub.partner.PartnerRegistry registry,
              WebProperties web, Clock clock) {
        this.registry = registry;
        this.activity = activity;
        this.pages = pages;
        this.quietAfter = web.quietFeedAfter();
        this.clock = clock;
    }

    /**
     * One partner feed's figures with its agency's name; the rejection rate is rejected / records, as a
     * percentage; {@code quiet} when it has sent nothing for {@code hub.web.quiet-feed-after}.
     */
    record FeedLine(FeedActivity.Feed figures, String agency, boolean quiet, boolean neverSent) {

        public String rejectionRate() {
            return figures.records() == 0 ? "-" : String.format("%.1f%%", 100.0 * figures.rejected() / figures.records());
        }
    }

    @GetMapping("/pages/feeds")
    String page(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<FeedActivity.Feed> sent = activity.of(p.id());
        List<FeedLine> lines = new java.util.ArrayList<>(sent.stream()
                .map(f -> new FeedLine(f, pages.agencyName(f.agencyId()), f.lastReceived() != null
                        && f.lastReceived().plus(quietAfter).isBefore(clock.instant()), false)).toList());
        // A feed an agreement in force covers that has never sent anything (issue 14: only quiet feeds were flagged).
        java.time.LocalDate today = clock.instant().atZone(java.time.ZoneId.of("Europe/London")).toLocalDate();
        for (org.safeguarding.hub.partner.Agency agency : registry.agencies()) {
            if (!agency.partnerships().contains(p.id())) {
                continue;
            }
            for (org.safeguarding.hub.partner.Feed feed : org.safeguarding.hub.partner.Feed.values()) {
                boolean expected = feed != org.safeguarding.hub.partner.Feed.MASH
                        && registry.agreementFor(agency.id(), feed, today).isPresent();
                if (expected && sent.stream().noneMatch(f -> f.agencyId().equals(agency.id()) && f.feed().equals(feed.code()))) {
                    lines.add(new FeedLine(new FeedActivity.Feed(agency.id(), feed.code(), null, 0, 0, 0, 0, 0, 0, 0),
                            agency.name(), false, true));
                }
            }
        }
        lines.sort(java.util.Comparator.comparing((FeedLine l) -> l.figures().agencyId()).thenComparing(l -> l.figures().feed()));
        model.addAttribute("feeds", lines);
        model.addAttribute("quiet", lines.stream().filter(FeedLine::quiet).toList());
        model.addAttribute("neverSent", lines.stream().filter(FeedLine::neverSent).toList());
        model.addAttribute("quietAfter", words(quietAfter));
        return "feeds";
    }

    /** "24 hours", "2 days", "90 minutes": the setting as the warning says it. */
    static String words(Duration d) {
        if (d.toDays() > 0 && d.toHours() % 24 == 0) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        return d.toMinutes() + " minutes";
    }
}
