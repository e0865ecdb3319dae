package org.safeguarding.hub.mash;

import org.safeguarding.hub.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.PageContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The MASH queue page (MASH practitioners and leads; the filter chain refuses everyone else): due
 * and overdue contacts with live countdowns, filters, a contact with its child's multi-agency
 * timeline, and recording a threshold decision through the same {@link MashDesk} as the API. It reads
 * through the API's services ({@link WorkQueue}, {@link ContactViews}) and runs no SQL of its own.
 */
@Controller
class MashQueuePage {

    private final WorkQueue queue;
    private final ContactViews contacts;
    private final MashDesk desk;
    private final PageContext pages;
    private final Clock clock;

    MashQueuePage(WorkQueue queue, ContactViews contacts, MashDesk desk, PageContext pages, Clock clock) {
        this.queue = queue;
        this.contacts = contacts;
        this.desk = desk;
        this.pages = pages;
        this.clock = clock;
    }

    /** A queue line with the child's name for the screen. */
    record Line(WorkQueue.Item item, String child, String referrer) {
    }

    @GetMapping("/pages/mash")
    String queue(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                 @RequestParam(defaultValue = "all") String view, @RequestParam(required = false) String rag,
                 @RequestParam(required = false) String agency, @RequestParam(defaultValue = "0") int page, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        WorkQueue.View v = WorkQueue.View.of(view).orElse(WorkQueue.View.ALL);
        RagRating rating = rag == null || rag.isBlank() ? null : RagRating.of(rag).orElse(null);
        String source = agency == null || agency.isBlank() ? null : agency;
        WorkQueue.Page found = queue.find(new WorkQueue.Query(p.id(), v, 24, null, rating, source, Math.max(0, page), 50));
        Map<UUID, String> children = contacts.childNames(found.items().stream().map(WorkQueue.Item::childId).toList());
        model.addAttribute("lines", found.items().stream().map(i -> new Line(i, children.get(i.childId()),
                pages.agencyName(i.referrerAgencyId()))).toList());
        model.addAttribute("total", found.total());
        model.addAttribute("page", found.page());
        model.addAttribute("pages", (found.total() + 49) / 50);
        model.addAttribute("overdue", count(p.id(), WorkQueue.View.OVERDUE));
        model.addAttribute("dueSoon", count(p.id(), WorkQueue.View.DUE));
        model.addAttribute("view", v.code());
        model.addAttribute("views", WorkQueue.View.screenOrder());
        model.addAttribute("rag", rating == null ? "" : rating.code());
        model.addAttribute("rags", RagRating.codes());
        model.addAttribute("agency", source == null ? "" : source);
        model.addAttribute("agencies", queue.referrers(p.id()));
        model.addAttribute("now", clock.instant());
        return "mash-queue";
    }

    @GetMapping("/pages/mash/contacts/{contactId}")
    String contact(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                   @RequestParam(required = false) String partnership, @PathVariable UUID contactId, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        ContactViews.Screen screen = contacts.screen(Callers.actor(principal.user(), request), p.id(), contactId);
        ContactView view = screen.view();
        Contact contact = view.contact();
        model.addAttribute("contact", contact);
        model.addAttribute("concerns", screen.concerns());
        model.addAttribute("child", screen.child());
        model.addAttribute("referrer", pages.agencyName(contact.referrerAgencyId()));
        model.addAttribute("rag", view.rag() == null ? null : view.rag().code());
        model.addAttribute("dueAt", view.dueAt());
        model.addAttribute("decision", view.decision());
        model.addAttribute("timeline", screen.timeline().stream()
                .map(e -> new TimelineLine(e, pages.agencyName(e.agencyId()))).toList());
        model.addAttribute("levels", LevelOfNeed.all());
        model.addAttribute("outcomes", DecisionOutcome.codes());
        model.addAttribute("now", clock.instant());
        return "mash-contact";
    }

    record TimelineLine(ChildTimeline.Entry entry, String agency) {
    }

    @PostMapping("/pages/mash/contacts/{contactId}/decision")
    String decide(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                  @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                  @RequestParam int levelOfNeed, @RequestParam String outcome, @RequestParam String rationale,
                  Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        HubUser user = principal.user();
        if (levelOfNeed < 1 || levelOfNeed > 4) {
            throw HubProblem.badRequest("must be 1 to 4 (Right Help, Right Time levels, 004:L2701)", "levelOfNeed");
        }
        DecisionOutcome chosen = DecisionOutcome.of(outcome)
                .orElseThrow(() -> HubProblem.badRequest("not a decision outcome", "outcome"));
        if (rationale.isBlank()) {
            redirect.addFlashAttribute("error", "Say why: the rationale is required.");
            return "redirect:/pages/mash/contacts/" + contactId;
        }
        MashDesk.DecisionResult result = desk.decide(Callers.actor(user, request), p.id(), new ThresholdDecision(contactId,
                new LevelOfNeed(levelOfNeed), chosen, rationale, user.name(), clock.instant(), null), null, "{}");
        redirect.addFlashAttribute("message", result.timely() ? "Decision recorded, within time."
                : "Decision recorded, after the due time.");
        return "redirect:/pages/mash/contacts/" + contactId;
    }

    private int count(String partnershipId, WorkQueue.View view) {
        return queue.find(new WorkQueue.Query(partnershipId, view, 24, null, null, null, 0, 1)).total();
    }
}
