package org.safeguarding.hub.escalation;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.PageContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.security.Role;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.util.Comparator;
import java.util.UUID;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The escalations page (MASH staff): open or closed escalations with counts by stage and by the
 * agency they are addressed to, each with its history. The list read is audited by {@link Disagreements}.
 */
@Controller
class EscalationsPage {

    private final Disagreements disagreements;
    private final Escalations escalations;
    private final PageContext pages;
    private final org.safeguarding.hub.mash.ContactViews contacts;
    private final org.safeguarding.hub.security.DisplayNames names;
    private final Clock clock;
    private final EscalationPolicy policy;

    EscalationsPage(EscalationPolicy policy, Disagreements disagreements, Escalations escalations, PageContext pages,
                    org.safeguarding.hub.mash.ContactViews contacts, org.safeguarding.hub.security.DisplayNames names,
                    Clock clock) {
        this.names = names;
        this.policy = policy;
        this.contacts = contacts;
        this.disagreements = disagreements;
        this.escalations = escalations;
        this.pages = pages;
        this.clock = clock;
    }

    /**
     * An escalation with readable agency names, its transitions with their actors' display names (a
     * partner system's Keycloak service account shows as its agency's system), and whether its stage is overdue.
     */
    record Line(Escalation escalation, String raisedBy, String addressedTo, boolean overdue, List<Step> history,
                String child, String contactLink, String role, Map<String, String> outcomes, boolean movable) {
    }

    /** One transition as shown: what and who in words. */
    record Step(Escalation.Transition transition, String what, String who) {
    }

    @GetMapping("/pages/escalations")
    String page(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                @RequestParam(required = false) String partnership, @RequestParam(defaultValue = "open") String status,
                @RequestParam(required = false) String kind, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        String wanted = status.equals("resolved") || status.equals("all") ? status : "open";
        String kindFilter = kind == null || kind.isBlank() ? null : kind;
        List<Escalation> found = disagreements.list(Callers.actor(principal.user(), request), p.id(),
                wanted.equals("all") ? null : wanted, kindFilter, 500);
        List<Escalation> full = found.stream().map(e -> escalations.find(e.id(), false).orElse(e)).toList();
        Map<String, String> shown = names.ofAccounts(full.stream().flatMap(e -> e.transitions().stream())
                .map(Escalation.Transition::actor).filter(java.util.Objects::nonNull).collect(Collectors.toSet()));
        Map<UUID, String> children = contacts.childNames(full.stream().map(Escalation::childId)
                .filter(java.util.Objects::nonNull).toList());
        boolean lead = principal.user().has(Role.MASH_LEAD);
        List<Line> lines = full.stream()
                .map(e -> new Line(e, pages.agencyName(e.raisedByAgencyId()), pages.agencyName(e.addressedToAgencyId()),
                        "open".equals(e.status()) && e.stageDueAt() != null && e.stageDueAt().isBefore(clock.instant()),
                        e.transitions().stream().map(t -> new Step(t, ACTIONS.getOrDefault(t.action(), t.action()),
                                who(t, shown))).toList(),
                        e.childId() == null ? null : children.get(e.childId()),
                        "contact".equals(e.subjectType()) ? "/pages/mash/contacts/" + e.subjectId() + "?partnership=" + p.id() : null,
                        ROLES.getOrDefault(e.addressedToRole(), e.addressedToRole()), outcomes(e),
                        // The last stage has nowhere to go (issue 14: "Move to next stage" was offered at stage 4).
                        lead && DISAGREEMENT.equals(e.kind()) && e.stage() < policy.lastStage()))
                // Soonest due first (the lead's worklist); closed ones, with no due time, after them, newest first.
                .sorted(Comparator.comparing((Line l) -> l.escalation().stageDueAt() == null || !"open".equals(l.escalation().status()),
                                Comparator.naturalOrder())
                        .thenComparing(l -> l.escalation().stageDueAt(), Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(l -> l.escalation().raisedAt(), Comparator.reverseOrder()))
                .toList();
        Map<Integer, Long> byStage = new TreeMap<>(lines.stream()
                .collect(Collectors.groupingBy(l -> l.escalation().stage(), Collectors.counting())));
        Map<String, Long> byAgency = new TreeMap<>(lines.stream()
                .collect(Collectors.groupingBy(Line::addressedTo, Collectors.counting())));
        model.addAttribute("lines", lines);
        model.addAttribute("byStage", byStage);
        model.addAttribute("byAgency", byAgency);
        model.addAttribute("status", wanted);
        model.addAttribute("kind", kindFilter == null ? "" : kindFilter);
        model.addAttribute("lead", lead);
        model.addAttribute("outcomeWords", OUTCOME_WORDS);
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "escalations";
    }

    private static final String DISAGREEMENT = "professional-disagreement";

    /** A disagreement's resolutions in words ({@link Disagreements#resolve} checks the code). */
    static final Map<String, String> OUTCOMES = words(
            "upheld", "Upheld: the MASH decision stands", "changed-decision", "Changed: the MASH changes its decision",
            "withdrawn", "Withdrawn by the agency that raised it");
    /** A timeliness escalation's resolutions by a lead, in words (the sweep's own is completed). */
    static final Map<String, String> TIMELINESS_OUTCOMES = words(
            "completed", "Completed: the overdue work is done", "not-needed", "Not needed: closed by the MASH lead");
    /** Every outcome as the page shows it, whoever resolved it. */
    static final Map<String, String> OUTCOME_WORDS = new java.util.LinkedHashMap<>();

    static {
        OUTCOME_WORDS.putAll(OUTCOMES);
        OUTCOME_WORDS.putAll(TIMELINESS_OUTCOMES);
    }

    /** The roles an escalation is addressed to (escalation.yml), in words; the hub's roles in {@link Role#inWords}. */
    static final Map<String, String> ROLES = words(
            Role.MASH_PRACTITIONER.roleName(), Role.MASH_PRACTITIONER.inWords(), Role.MASH_LEAD.roleName(), Role.MASH_LEAD.inWords(),
            "head-of-service", "head of service", "partnership", "the partnership",
            Role.EDUCATION_SAFEGUARDING_LEAD.roleName(), Role.EDUCATION_SAFEGUARDING_LEAD.inWords());
    /** What a transition did (Escalations), in words. */
    static final Map<String, String> ACTIONS = words("raised", "Raised", "stage-changed", "Moved on", "resolved", "Resolved");

    private static Map<String, String> words(String... pairs) {
        Map<String, String> words = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            words.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(words);
    }

    /** The outcomes a lead may resolve {@code e} with. */
    private static Map<String, String> outcomes(Escalation e) {
        return DISAGREEMENT.equals(e.kind()) ? OUTCOMES : TIMELINESS_OUTCOMES;
    }

    /** A MASH lead resolves the escalation (the filter chain lets only leads post here), as the API's resolution. */
    @PostMapping("/pages/escalations/{id}/resolution")
    String resolve(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                   @RequestParam(required = false) String partnership, @PathVariable UUID id,
                   @RequestParam(required = false) String outcome, @RequestParam(required = false) String note,
                   Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        return act(p, id, redirect, "outcome-" + id, () -> {
            Escalation e = involved(p, id);
            if (outcome == null || !outcomes(e).containsKey(outcome)) {
                throw MashRefusal.invalid("outcome", "Select the outcome");
            }
            disagreements.resolve(Callers.actor(principal.user(), request), e.id(), outcome, PageContext.given(note),
                    pages.json(Map.of("outcome", outcome, "note", String.valueOf(PageContext.given(note)))));
            return "Escalation resolved: " + OUTCOME_WORDS.get(outcome) + ".";
        });
    }

    /** A MASH lead moves the escalation to its next stage, as the API's escalate. */
    @PostMapping("/pages/escalations/{id}/escalate")
    String escalate(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                    @RequestParam(required = false) String partnership, @PathVariable UUID id,
                    @RequestParam(required = false) String note, Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        return act(p, id, redirect, "note-" + id, () -> {
            Escalation moved = disagreements.escalate(Callers.actor(principal.user(), request), involved(p, id).id(),
                    PageContext.given(note), pages.json(Map.of("note", String.valueOf(PageContext.given(note)))));
            return "Escalation moved to stage " + moved.stage() + ".";
        });
    }

    /** The escalation, when it is the partnership's (another partnership's reads as not found, as in the API). */
    private Escalation involved(Partnership p, UUID id) {
        Escalation e = Escalations.require(escalations.find(id, false), id);
        if (!e.partnershipId().equals(p.id())) {
            throw MashRefusal.notFound("no escalation " + id);
        }
        return e;
    }

    private static String act(Partnership p, UUID id, RedirectAttributes redirect, String field,
                              java.util.function.Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (MashRefusal refused) {
            redirect.addFlashAttribute("errors", Map.of(field, refused.getMessage()));
        }
        return "redirect:/pages/escalations?partnership=" + p.id() + "&status=all#escalation-" + id;
    }


    /**
     * Who did it, as {@link org.safeguarding.hub.security.DisplayNames} shows the account: a partner system as its
     * agency's system; a person by name, with the agency they acted for.
     */
    private String who(Escalation.Transition t, Map<String, String> shown) {
        String name = t.actor() == null ? "" : shown.getOrDefault(t.actor(), t.actor());
        String agency = pages.agencyName(t.actorAgencyId());
        return agency.isEmpty() || org.safeguarding.hub.security.DisplayNames.isSystem(t.actor()) ? name : name + ", " + agency;
    }}
