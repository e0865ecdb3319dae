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

import java.time.Clock;
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
    private final Clock clock;

    EscalationsPage(Disagreements disagreements, Escalations escalations, PageContext pages, Clock clock) {
        this.disagreements = disagreements;
        this.escalations = escalations;
        this.pages = pages;
        this.clock = clock;
    }

    /** An escalation with readable agency names and its transitions. */
    record Line(Escalation escalation, String raisedBy, String addressedTo, boolean overdue) {
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
        List<Line> lines = found.stream()
                .map(e -> escalations.find(e.id(), false).orElse(e))
                .map(e -> new Line(e, pages.agencyName(e.raisedByAgencyId()), pages.agencyName(e.addressedToAgencyId()),
                        "open".equals(e.status()) && e.stageDueAt() != null && e.stageDueAt().isBefore(clock.instant())))
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
        return "escalations";
    }
}
