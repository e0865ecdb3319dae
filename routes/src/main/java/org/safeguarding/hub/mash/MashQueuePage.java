package org.safeguarding.hub.mash;

import org.safeguarding.hub.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.action.MashRefusal;
import java.util.List;
import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.security.HubUser;
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
    private final org.safeguarding.hub.partner.PartnerRegistry registry;
    private final Clock clock;
    private final org.safeguarding.hub.security.DisplayNames names;

    MashQueuePage(WorkQueue queue, ContactViews contacts, MashDesk desk, PageContext pages,
                  org.safeguarding.hub.partner.PartnerRegistry registry, org.safeguarding.hub.security.DisplayNames names,
                  Clock clock) {
        this.names = names;
        this.registry = registry;
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
        screen(Callers.actor(principal.user(), request), p, contactId, model);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new DecisionForm(null, null, null, null));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("typed")) { // a refused action's values (ContactActionsPage)
            model.addAttribute("typed", Map.of());
        }
        return "mash-contact";
    }

    /** The contact, its child's timeline and its decision, read through {@link ContactViews} (audited there). */
    private ContactView screen(org.safeguarding.hub.action.Actor actor, Partnership p, UUID contactId, Model model) {
        ContactViews.Screen screen = contacts.screen(actor, p.id(), contactId);
        ContactView view = screen.view();
        Contact contact = view.contact();
        model.addAttribute("contact", contact);
        model.addAttribute("concerns", screen.concerns());
        model.addAttribute("child", screen.child());
        model.addAttribute("referrer", pages.agencyName(contact.referrerAgencyId()));
        model.addAttribute("rag", view.rag() == null ? null : view.rag().code());
        model.addAttribute("dueAt", view.dueAt());
        model.addAttribute("decision", view.decision());
        model.addAttribute("decidedBy", view.decision() == null ? null : names.ofAccount(view.decision().decidedBy()));
        model.addAttribute("decisionWords", view.decision() == null ? null
                : DecisionForm.words(DecisionForm.OUTCOMES, view.decision().outcome()) + ", "
                + DecisionForm.words(DecisionForm.LEVELS, String.valueOf(view.decision().levelOfNeed())));
        model.addAttribute("timeline", screen.timeline().stream()
                .map(e -> new TimelineLine(e, pages.agencyName(e.agencyId()))).toList());
        model.addAttribute("agencyChoices", ContactActionsPage.agenciesOf(registry, p.id()));
        model.addAttribute("informationRequests", contacts.informationRequests(p.id(), contact.id()).stream()
                .map(r -> new RequestLine(r, pages.agencyName(r.agencyId()))).toList());
        model.addAttribute("ragChoices", RAG_CHOICES);
        model.addAttribute("levels", DecisionForm.LEVELS);
        model.addAttribute("outcomes", DecisionForm.OUTCOMES);
        model.addAttribute("now", clock.instant());
        return view;
    }

    record TimelineLine(ChildTimeline.Entry entry, String agency) {
    }

    /** An information request with the asked agency's name. */
    record RequestLine(ContactViews.InformationRequest request, String agency) {
    }

    /** The ratings in plain words; the response times themselves are configuration (docs/domain.md step 2). */
    static final List<DecisionForm.Choice> RAG_CHOICES = List.of(
            new DecisionForm.Choice("red", "Red", "Immediate risk: the shortest response time, on the calendar clock."),
            new DecisionForm.Choice("amber", "Amber", "Risk that needs a response within working hours."),
            new DecisionForm.Choice("green", "Green", "No immediate risk: the longest response time."));

    /**
     * Records the threshold decision through {@link MashDesk#decide}, as the API does. Post, redirect, get
     * (issue 14: Back after a decision re-posted the form): errors go back to the contact page at their fields
     * (GOV.UK error summary); no further action, or a level below the referrer's, goes to the confirmation step
     * ({@code GET .../decision/confirm}) and is recorded only when it is ticked ({@code confirmed=yes}). A
     * contact already decided (a second tab, a re-sent form) is refused in the staff's words, recording nothing.
     */
    @PostMapping("/pages/mash/contacts/{contactId}/decision")
    String decide(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                  @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                  @RequestParam(required = false) String levelOfNeed, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String rationale, @RequestParam(required = false) String confirmed,
                  @RequestParam(required = false) String step, Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        HubUser user = principal.user();
        org.safeguarding.hub.action.Actor actor = Callers.actor(user, request);
        DecisionForm form = new DecisionForm(levelOfNeed, outcome, rationale, confirmed);
        String contactPage = "redirect:/pages/mash/contacts/" + contactId + "?partnership=" + p.id();
        Map<String, String> errors = form.errors();
        if (!errors.isEmpty()) {
            return back(contactPage, form, errors, redirect);
        }
        ContactView view = contacts.view(actor, p.id(), contactId);
        if (view.decision() != null) {
            return back(contactPage, form, ALREADY_DECIDED, redirect);
        }
        List<String> reasons = form.confirmationReasons(view.contact().referrerLevelOfNeed());
        if (!reasons.isEmpty() && !form.isConfirmed()) {
            redirect.addFlashAttribute("form", form);
            redirect.addFlashAttribute("errors", "confirm".equals(step)
                    ? Map.of("confirmed", "Tick the box to confirm the decision, or go back and change it") : Map.of());
            return "redirect:/pages/mash/contacts/" + contactId + "/decision/confirm?partnership=" + p.id();
        }
        MashDesk.DecisionResult result;
        try {
            result = desk.decide(actor, p.id(), new ThresholdDecision(contactId, form.level().orElseThrow(),
                    DecisionOutcome.of(outcome).orElseThrow(), rationale, user.name(), clock.instant(), null), null,
                    pages.json(Map.of("levelOfNeed", form.level().get().value(), "outcome", outcome,
                            "rationale", rationale)));
        } catch (MashRefusal refused) {
            return back(contactPage, form, refused.reason() == MashRefusal.Reason.CONFLICT ? ALREADY_DECIDED
                    : Map.of(refused.field() == null ? "levelOfNeed" : refused.field(), refused.getMessage()), redirect);
        }
        redirect.addFlashAttribute("message", result.timely() ? "Decision recorded, within time."
                : "Decision recorded, after the due time.");
        return contactPage;
    }

    /** A decision on a contact that has one: the staff's words, not the API's (which name ids and replacesDecisionId). */
    static final Map<String, String> ALREADY_DECIDED = Map.of("decision",
            "This contact already has a decision (shown below), so yours was not recorded. Ask a MASH lead if it needs to change.");

    /**
     * The confirmation step, shown from the decision form's post (a flash attribute); opened any other way
     * (Back after the decision, a bookmark) it is the contact page, so nothing can be sent twice from it.
     */
    @GetMapping("/pages/mash/contacts/{contactId}/decision/confirm")
    String confirm(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                   @RequestParam(required = false) String partnership, @PathVariable UUID contactId, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        if (!(model.getAttribute("form") instanceof DecisionForm form)) {
            return "redirect:/pages/mash/contacts/" + contactId + "?partnership=" + p.id();
        }
        Contact contact = contacts.view(Callers.actor(principal.user(), request), p.id(), contactId).contact();
        model.addAttribute("reasons", form.confirmationReasons(contact.referrerLevelOfNeed()));
        model.addAttribute("contactId", contactId);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "mash-decision-confirm";
    }

    /** Back to the contact page with the form as sent and its errors. */
    private static String back(String contactPage, DecisionForm form, Map<String, String> errors, RedirectAttributes redirect) {
        redirect.addFlashAttribute("form", form);
        redirect.addFlashAttribute("errors", errors);
        return contactPage;
    }

    private int count(String partnershipId, WorkQueue.View view) {
        return queue.find(new WorkQueue.Query(partnershipId, view, 24, null, null, null, 0, 1)).total();
    }
}
