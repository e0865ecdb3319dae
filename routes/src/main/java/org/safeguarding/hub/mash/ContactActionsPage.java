package org.safeguarding.hub.mash;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.PageContext;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The MASH staff's actions on the contact page (practitioners and leads, as the API allows): RAG rating,
 * an information request and its receipt, a strategy discussion with attendance by agency, and a step-up
 * or step-down notice. Each goes through {@link MashDesk}, the API's service, so the rules, the message
 * store and the audit trail are the API's. Post, redirect, get: a refusal comes back to the contact page
 * as errors at the field ({@code errors}, field id to message) with the values as typed ({@code typed},
 * field name to value) and a success as {@code message}.
 */
@Controller
class ContactActionsPage {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private final MashDesk desk;
    private final ContactViews contacts;
    private final PartnerRegistry registry;
    private final PageContext pages;
    private final org.safeguarding.hub.web.Times times;

    ContactActionsPage(MashDesk desk, ContactViews contacts, PartnerRegistry registry, PageContext pages,
                       org.safeguarding.hub.web.Times times) {
        this.times = times;
        this.desk = desk;
        this.contacts = contacts;
        this.registry = registry;
        this.pages = pages;
    }

    /** The partnership's agencies, by name: whom the MASH can ask for information or record as attending. */
    static List<Agency> agenciesOf(PartnerRegistry registry, String partnershipId) {
        return registry.agencies().stream().filter(a -> a.partnerships().contains(partnershipId))
                .sorted(java.util.Comparator.comparing(Agency::name)).toList();
    }

    @PostMapping("/pages/mash/contacts/{contactId}/rag")
    String rate(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                @RequestParam(required = false) String rating, Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        Actor actor = Callers.actor(principal.user(), request);
        return act(p, contactId, request, redirect, "rating", () -> {
            RagRating chosen = rating == null ? null : RagRating.of(rating).orElse(null);
            if (chosen == null) {
                throw MashRefusal.invalid("rating", "Select red, amber or green");
            }
            desk.rate(actor, p.id(), contactId, chosen, pages.json(Map.of("rating", chosen.code())));
            return "Rated " + chosen.code() + ".";
        });
    }

    @PostMapping("/pages/mash/contacts/{contactId}/information-requests")
    String requestInformation(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                              @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                              @RequestParam(required = false) String agency, Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        Actor actor = Callers.actor(principal.user(), request);
        return act(p, contactId, request, redirect, "agency", () -> {
            if (agency == null || agency.isBlank()) {
                throw MashRefusal.invalid("agency", "Select the agency to ask");
            }
            desk.requestInformation(actor, p.id(), contactId, agency, pages.json(Map.of("agency", agency)));
            return "Information requested from " + pages.agencyName(agency) + ".";
        });
    }

    @PostMapping("/pages/mash/contacts/{contactId}/information-requests/{requestId}/received")
    String informationReceived(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                               @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                               @PathVariable UUID requestId, Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        Actor actor = Callers.actor(principal.user(), request);
        return act(p, contactId, request, redirect, "agency", () -> {
            desk.informationReceived(actor, p.id(), requestId);
            return "Information recorded as received.";
        });
    }

    /**
     * A strategy discussion about the contact's child: when it was held (local time, {@code heldAt} as
     * {@code yyyy-MM-ddTHH:mm}) and, per agency, {@code attendance-<agency id>} = attended, absent or
     * not-invited (left out of the record).
     */
    @PostMapping("/pages/mash/contacts/{contactId}/strategy-discussions")
    String strategyDiscussion(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                              @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                              @RequestParam(required = false) String heldAt, @RequestParam Map<String, String> form,
                              Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        Actor actor = Callers.actor(principal.user(), request);
        return act(p, contactId, request, redirect, "heldAt", () -> {
            Instant held = localTime(heldAt, "heldAt", "Enter when the discussion was held");
            List<MashDesk.Attendance> attendance = new ArrayList<>();
            Map<String, Object> json = new LinkedHashMap<>();
            for (Agency a : agenciesOf(registry, p.id())) {
                String answer = form.getOrDefault("attendance-" + a.id(), "not-invited");
                if (answer.equals("attended") || answer.equals("absent")) {
                    attendance.add(new MashDesk.Attendance(a.id(), answer.equals("attended")));
                    json.put(a.id(), answer.equals("attended"));
                }
            }
            if (attendance.isEmpty()) {
                throw MashRefusal.invalid("attendance", "Say which agencies were invited and whether they attended");
            }
            Contact contact = contacts.view(actor, p.id(), contactId).contact();
            try {
                desk.recordStrategyDiscussion(actor, p.id(), contact.childId(), contactId, held, attendance,
                        pages.json(Map.of("contactId", contactId.toString(), "heldAt", held.toString(), "attendance", json)));
            } catch (MashRefusal refused) {
                // MashDesk's rule, in the staff's words and local time (the API's detail gives the UTC instant).
                if ("heldAt".equals(refused.field()) && refused.getMessage().startsWith(MashDesk.BEFORE_CONTACT)) {
                    throw MashRefusal.invalid("heldAt", "The discussion cannot be before the contact was received ("
                            + times.full(contact.receivedAt()) + ")");
                }
                throw refused;
            }
            return "Strategy discussion recorded with the attendance of " + attendance.size() + " agencies.";
        });
    }

    @PostMapping("/pages/mash/contacts/{contactId}/step-changes")
    String stepChange(@AuthenticationPrincipal HubOidcUser principal, HttpServletRequest request,
                      @RequestParam(required = false) String partnership, @PathVariable UUID contactId,
                      @RequestParam(required = false) String direction, @RequestParam(required = false) String fromService,
                      @RequestParam(required = false) String toService, @RequestParam(required = false) String reason,
                      Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        Actor actor = Callers.actor(principal.user(), request);
        return act(p, contactId, request, redirect, "direction", () -> {
            UUID child = contacts.view(actor, p.id(), contactId).contact().childId();
            try {
                desk.stepChange(actor, p.id(), child, direction, PageContext.given(fromService), PageContext.given(toService),
                        PageContext.given(reason), pages.json(Map.of("direction", String.valueOf(direction),
                                "fromService", String.valueOf(fromService), "toService", String.valueOf(toService),
                                "reason", String.valueOf(reason))));
            } catch (MashRefusal refused) {
                // Every field at fault at once (MashDesk's rule); the radio buttons' own words for the direction.
                Map<String, String> all = new LinkedHashMap<>(refused.violations());
                all.computeIfPresent("direction", (field, detail) -> "Select step up or step down");
                throw all.isEmpty() ? refused : MashRefusal.invalid(all);
            }
            return (direction.equals("step-up") ? "Step up" : "Step down") + " recorded; the agencies involved are told.";
        });
    }

    /**
     * Runs the action; back to the contact page with its message, or with the refusal at its field
     * ({@code fallbackField} when the refusal names none). A refusal other than invalid input (not
     * found, conflict) is shown the same way: the page is the only place the practitioner looks.
     */
    private static String act(Partnership p, UUID contactId, HttpServletRequest request, RedirectAttributes redirect,
                              String fallbackField, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("message", action.get());
        } catch (MashRefusal refused) {
            redirect.addFlashAttribute("typed", typed(request));
            Map<String, String> errors = new LinkedHashMap<>();
            if (refused.violations().isEmpty()) {
                errors.put(fallbackField, sentence(fallbackField, refused.getMessage()));
            }
            refused.violations().forEach((at, detail) -> {
                String field = at.replaceAll("\\[.*", "");
                errors.putIfAbsent(field, sentence(field, detail));
            });
            redirect.addFlashAttribute("errors", errors);
        }
        return "redirect:/pages/mash/contacts/" + contactId + "?partnership=" + p.id();
    }

    /**
     * What the refused form held (field name to its value; the token and partnership left out), for the
     * redisplayed form to show again: staff never retype a discussion's time and attendance (issue 14).
     */
    private static Map<String, String> typed(HttpServletRequest request) {
        Map<String, String> typed = new LinkedHashMap<>();
        request.getParameterMap().forEach((name, values) -> {
            if (!name.equals("_csrf") && !name.equals("partnership") && values.length > 0) {
                typed.put(name, values[0]);
            }
        });
        return typed;
    }

    /** A local date and time typed in a {@code datetime-local} field, as an instant. */
    static Instant localTime(String typed, String field, String missing) {
        if (typed == null || typed.isBlank()) {
            throw MashRefusal.invalid(field, missing);
        }
        try {
            return LocalDateTime.parse(typed).atZone(LONDON).toInstant();
        } catch (DateTimeParseException e) {
            throw MashRefusal.invalid(field, "Enter a date and time, for example 2026-11-30 14:30");
        }
    }


    /** The service's refusal as a sentence: "is required" of {@code fromService} reads "From service is required". */
    private static String sentence(String field, String detail) {
        String text = detail == null || detail.isEmpty() ? "not recorded" : detail;
        if (text.startsWith("is ")) {
            text = field.replaceAll("([A-Z])", " $1").toLowerCase(java.util.Locale.ROOT) + " " + text;
        }
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
