package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.security.Role;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.PageContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The scorecard page, what a board member puts on the screen: disclosure-controlled figures for
 * everyone (viewers and MASH staff alike: it is the board's view), a period picker, trend charts,
 * drill-down by agency and the CSV download.
 */
@Controller
class ScorecardPage {

    private static final java.time.ZoneId LONDON = java.time.ZoneId.of("Europe/London");

    private final Scorecard scorecard;
    private final PageContext pages;
    private final ServedDates served;
    private final ScorecardActions actions;
    private final PartnerRegistry registry;
    private final java.time.Clock clock;

    ScorecardPage(Scorecard scorecard, PageContext pages, ServedDates served, ScorecardActions actions,
                  PartnerRegistry registry, java.time.Clock clock) {
        this.scorecard = scorecard;
        this.pages = pages;
        this.served = served;
        this.actions = actions;
        this.registry = registry;
        this.clock = clock;
    }


    /**
     * One measure as the page shows it; {@code noValue} true when {@code value} is the reason there is
     * none. {@code numerator} and {@code denominator} are the reported period's counts as published.
     */
    record Row(String id, String title, String numerator, String denominator, String unit, String value, boolean noValue,
               String target,
               String rag, String direction, String benchmarks, List<String> trendLabels, List<String> trendValues,
               List<ShownCell> breakdown, List<Comment> commentary, boolean suppressed,
               String owner, String seed, String source, List<String> gaps, String gapReason, List<Drill> drills) {
    }

    /** One drill-down cell as shown: {@code value} as published, the symbol when withheld, "-" when there is none. */
    record ShownCell(String dimension, String category, String numerator, String denominator, String value) {
    }

    /** The drill-down cells of one dimension ("By agency"), each category by its display name. */
    record Drill(String title, List<DrillLine> lines) {
    }

    /** One drill-down line: the category's display name and its cell. */
    record DrillLine(String name, ShownCell cell) {
    }

    /**
     * The scorecard of {@code period}, by default the latest published period that has closed (an open one
     * is shown only when asked for, marked provisional). Filters: {@code agency} and {@code team} narrow the
     * drill-down to that agency's or team's lines, {@code category} the measures to those an agency kind owns.
     */
    @GetMapping("/pages/scorecard")
    String page(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                @RequestParam(required = false) String period, @RequestParam(required = false) String agency,
                @RequestParam(required = false) String team, @RequestParam(required = false) String category,
                Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<Period> published = scorecard.publishedPeriods(p.id());
        Period chosen = period == null || period.isBlank()
                ? published.stream().filter(actions::isClosed).findFirst().orElse(published.isEmpty() ? null : published.get(0))
                : period(period, published);
        DisclosureRule rule = scorecard.catalogue().disclosureRule();
        List<ScorecardEntry> entries;
        try {
            entries = chosen == null ? List.of() : scorecard.view(p.id(), chosen, true);
            model.addAttribute("published", chosen != null);
        } catch (PeriodNotPublished e) {
            entries = List.of();
            model.addAttribute("published", false);
        }
        Filter filter = new Filter(PageContext.given(agency), PageContext.given(team), PageContext.given(category));
        List<Row> all = entries.stream().map(e -> withDrills(p.id(), row(e, rule))).toList();
        List<Row> rows = all.stream().filter(r -> filter.category() == null || filter.category().equals(r.owner()))
                .map(r -> filter.narrow(r)).toList();
        model.addAttribute("period", chosen == null ? "" : chosen.label());
        model.addAttribute("provisional", chosen != null && !actions.isClosed(chosen));
        model.addAttribute("dataAsAt", entries.stream().map(ScorecardEntry::publishedAt).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null));
        model.addAttribute("periods", published.stream().map(pp -> new PeriodChoice(pp.label(),
                pp.label() + (actions.isClosed(pp) ? "" : " (provisional: still open)"))).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("rule", rule);
        model.addAttribute("filter", filter);
        model.addAttribute("agencies", all.stream().flatMap(r -> r.breakdown().stream())
                .filter(c -> c.dimension().equals("source-agency")).map(ShownCell::category).distinct().sorted()
                .map(id -> new PeriodChoice(id, pages.agencyName(id))).toList());
        model.addAttribute("teams", all.stream().flatMap(r -> r.breakdown().stream())
                .filter(c -> c.dimension().equals("team")).map(ShownCell::category).distinct().sorted()
                .map(code -> new PeriodChoice(code, categoryName(p.id(), "team", code))).toList());
        model.addAttribute("categories", all.stream().map(Row::owner).distinct().sorted().toList());
        model.addAttribute("ragCounts", rows.stream().filter(r -> r.rag() != null)
                .collect(Collectors.groupingBy(Row::rag, Collectors.counting())));
        HubUser user = principal.user();
        model.addAttribute("writerKind", (user.has(Role.PARTNERSHIP_VIEWER) || user.has(Role.MASH_LEAD)) && user.agencyId() != null
                ? registry.agency(user.agencyId()).map(a -> a.kind().code()).orElse(null) : null);
        model.addAttribute("publisher", actions.mayPublish(user));
        model.addAttribute("closedPeriods", closedQuarters());
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "scorecard";
    }

    /** A choice in a picker (a period, an agency, a team): its value and the words shown. */
    record PeriodChoice(String value, String words) {
    }

    /** The page's filters, each null when not set. */
    record Filter(String agency, String team, String category) {

        /** The row with only the drill-down lines the agency and team filters keep. */
        Row narrow(Row r) {
            if (agency == null && team == null) {
                return r;
            }
            List<Drill> kept = r.drills().stream().map(d -> new Drill(d.title(), d.lines().stream()
                    .filter(l -> keeps(l.cell())).toList())).filter(d -> !d.lines().isEmpty()).toList();
            return new Row(r.id(), r.title(), r.numerator(), r.denominator(), r.unit(), r.value(), r.noValue(), r.target(),
                    r.rag(), r.direction(), r.benchmarks(), r.trendLabels(), r.trendValues(),
                    r.breakdown().stream().filter(this::keeps).toList(), r.commentary(), r.suppressed(), r.owner(), r.seed(),
                    r.source(), r.gaps(), r.gapReason(), kept);
        }

        private boolean keeps(ShownCell c) {
            return switch (c.dimension()) {
                case "source-agency" -> agency == null || agency.equals(c.category());
                case "team" -> team == null || team.equals(c.category());
                default -> agency == null && team == null;
            };
        }
    }

    /** The last four quarters that have closed: what a lead may publish (again, as a new version) now. */
    private List<String> closedQuarters() {
        Period current = Period.containing(PeriodType.QUARTER, java.time.LocalDate.now(clock.withZone(LONDON)));
        List<String> closed = new java.util.ArrayList<>();
        for (Period q = current.previous(); closed.size() < 4; q = q.previous()) {
            closed.add(q.label());
        }
        return closed;
    }

    /** The owner agency's commentary on a measure, through the API's rules ({@link ScorecardActions#comment}). */
    @PostMapping("/pages/scorecard/commentary")
    String comment(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                   @RequestParam String period, @RequestParam String measure, @RequestParam(required = false) String text,
                   Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        Period chosen = ServedPeriods.check(served, period, "period");
        try {
            actions.comment(principal.user(), p.id(), chosen, measure, text);
            redirect.addFlashAttribute("message", "Commentary added to " + measure + ".");
        } catch (HubProblem refused) {
            redirect.addFlashAttribute("errors", Map.of("text-" + measure, refused.getMessage()));
        }
        return "redirect:/pages/scorecard?partnership=" + p.id() + "&period=" + chosen.label() + "#measure-" + measure;
    }

    /**
     * Publishes a closed period now, through the API's rules ({@link ScorecardActions#publish}): the roles of
     * {@code hub.scorecard.publishers} only (others get the 403 page); refusals come back at the field.
     */
    @PostMapping("/pages/scorecard/publication")
    String publish(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                   @RequestParam(required = false) String period, Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        actions.requirePublisher(principal.user());   // the API's 403, as the error page
        try {
            if (period == null || period.isBlank()) {
                throw HubProblem.badRequest("Select the period to publish", "publish-period");
            }
            Period chosen = actions.publish(principal.user(), p.id(), period, "publish-period").period();
            redirect.addFlashAttribute("message", "Published " + chosen.label() + ".");
            return "redirect:/pages/scorecard?partnership=" + p.id() + "&period=" + chosen.label();
        } catch (HubProblem refused) {
            redirect.addFlashAttribute("errors", Map.of("publish-period", refused.getMessage()));
            return "redirect:/pages/scorecard?partnership=" + p.id() + "#publish-period";
        }
    }

    @GetMapping(value = "/pages/scorecard/csv", produces = "text/csv")
    ResponseEntity<String> csv(@AuthenticationPrincipal HubOidcUser principal,
                               @RequestParam(required = false) String partnership,
                               @RequestParam(required = false) String period, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        Period chosen = period(period, scorecard.publishedPeriods(p.id()));
        if (chosen == null) {
            throw HubProblem.notFound("nothing has been published yet for " + p.id());
        }
        String body = org.safeguarding.hub.scorecard.ScorecardCsv.write(p.id(), chosen.label(),
                scorecard.catalogue().disclosureRule(), true, scorecard.view(p.id(), chosen, true));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"scorecard-" + p.id() + "-"
                        + chosen.label() + ".csv\"").body(body);
    }

    /** The period asked for, or the latest published one (null when nothing is published yet). */
    private Period period(String label, List<Period> published) {
        if (label == null || label.isBlank()) {
            return published.isEmpty() ? null : published.get(0);
        }
        return ServedPeriods.check(served, label, "period");
    }

    /** Every figure as the controlled result holds it (no value is worked out or rounded here). */
    private Row row(ScorecardEntry e, DisclosureRule rule) {
        MeasureDefinition m = e.measure();
        PublishedMeasure f = e.figures();
        List<PublishedMeasure.Value> trend = f.trend();
        PublishedMeasure.Value current = trend.get(trend.size() - 1);
        String reason = f.noValueReason().orElse(null);
        String benchmarks = m.benchmarks().stream()
                .map(b -> b.comparator() + " " + format(b.value(), m.unit()) + " (" + b.year() + ")")
                .collect(Collectors.joining("; "));
        return new Row(m.id(), m.title(), current.numerator(), current.denominator(), m.unit().code(),
                f.currentWords(rule.symbol()), reason != null,
                m.target() == null ? "none" : format(m.target(), m.unit()),
                f.rag() == null ? null : f.rag().name().toLowerCase(),
                trend.size() > 1 && gaps(trend).contains(trend.get(trend.size() - 2).period())
                        ? "not enough history yet" : f.direction().name().toLowerCase().replace('_', ' '), benchmarks,
                trend.stream().map(PublishedMeasure.Value::period).toList(),
                trend.stream().map(v -> Unit.text(v.value())).toList(),
                f.breakdown().stream().map(b -> new ShownCell(b.dimension(), b.category(), b.numerator(), b.denominator(),
                        b.value() != null ? Unit.text(b.value()) : rule.symbol().equals(b.numerator())
                                || rule.symbol().equals(b.denominator()) ? rule.symbol() : "-")).toList(),
                e.commentary(), f.currentWithheld(), m.owner(), m.seed(), SourceReference.words(m.seed()),
                gaps(trend), gapReason(trend), List.of());
    }

    /**
     * A drill-down category as people read it: an agency's or a team's display name from partners.yml
     * ({@code name}, {@code teams}), a team code as its partner sent it when the file names none, other
     * categories (and "not recorded") capitalised.
     */
    private String categoryName(String partnership, String dimension, String category) {
        if (category.equals(MeasureEngine.NOT_RECORDED)) {
            return category.substring(0, 1).toUpperCase() + category.substring(1);
        }
        return switch (dimension) {
            case "source-agency" -> pages.agencyName(category);
            case "team" -> registry.teamName(partnership, category).orElse(category);
            default -> category.substring(0, 1).toUpperCase() + category.substring(1);
        };
    }

    /** The row with its drill-down grouped by dimension, each category by its display name (partners.yml). */
    private Row withDrills(String partnership, Row r) {
        java.util.Map<String, List<DrillLine>> byDimension = new java.util.LinkedHashMap<>();
        for (ShownCell c : r.breakdown()) {
            String name = categoryName(partnership, c.dimension(), c.category());
            byDimension.computeIfAbsent(c.dimension(), k -> new java.util.ArrayList<>()).add(new DrillLine(name, c));
        }
        List<Drill> drills = byDimension.entrySet().stream().map(d -> new Drill(switch (d.getKey()) {
            case "source-agency" -> "By agency";
            case "team" -> "By team";
            default -> "By category";
        }, d.getValue())).toList();
        return new Row(r.id(), r.title(), r.numerator(), r.denominator(), r.unit(), r.value(), r.noValue(), r.target(),
                r.rag(), r.direction(), r.benchmarks(), r.trendLabels(), r.trendValues(), r.breakdown(), r.commentary(),
                r.suppressed(), r.owner(), r.seed(), r.source(), r.gaps(), r.gapReason(), drills);
    }

    /**
     * The trend's periods before the measure had any data: the leading periods whose count is 0 and whose
     * denominator is 0 or none. They are shown as gaps, not zeros, so that the direction of travel is not
     * read from them.
     */
    static List<String> gaps(List<PublishedMeasure.Value> trend) {
        List<String> gaps = new java.util.ArrayList<>();
        for (PublishedMeasure.Value v : trend) {
            boolean empty = "0".equals(v.numerator()) && (v.denominator() == null || "0".equals(v.denominator()));
            if (!empty) {
                break;
            }
            gaps.add(v.period());
        }
        return gaps.size() == trend.size() ? List.of() : gaps;
    }

    private static String gapReason(List<PublishedMeasure.Value> trend) {
        List<String> gaps = gaps(trend);
        return gaps.isEmpty() ? null : "No data before " + trend.get(gaps.size()).period()
                + ": the hub held no records for this measure in " + String.join(", ", gaps) + ", so they are gaps, not zeros.";
    }

    /** A target or benchmark (configuration, not a published figure) with its unit. */
    static String format(BigDecimal value, Unit unit) {
        if (value == null) {
            return "not available";
        }
        return switch (unit) {
            case PERCENT -> value.setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
            case RATE_PER_10000 -> value.setScale(1, RoundingMode.HALF_UP).toPlainString() + " per 10,000";
            case COUNT -> value.setScale(0, RoundingMode.HALF_UP).toPlainString();
        };
    }
}
