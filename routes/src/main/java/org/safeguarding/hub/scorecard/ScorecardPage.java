package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.references.SourceReferences;
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
    private final SourceReferences references;

    ScorecardPage(Scorecard scorecard, PageContext pages, ServedDates served, ScorecardActions actions,
                  PartnerRegistry registry, java.time.Clock clock, SourceReferences references) {
        this.scorecard = scorecard;
        this.references = references;
        this.pages = pages;
        this.served = served;
        this.actions = actions;
        this.registry = registry;
        this.clock = clock;
    }


    /**
     * One measure as the page shows it; {@code noValue} true when {@code value} is the reason there is
     * none. {@code numerator} and {@code denominator} are the reported period's counts as published: the
     * total's, or under an agency or team filter that agency's or team's drill-down cell ({@code scope} its
     * display name, null unfiltered), with the RAG and drill-down read from the same cell.
     * {@code owner} is the owner agency kind's code, {@code ownerName} the partnership's agencies of that kind.
     */
    record Row(String id, String title, String numerator, String denominator, String unit, String value, boolean noValue,
               String target,
               String rag, String direction, String benchmarks, List<String> trendLabels, List<String> trendValues,
               String trendWords,
               List<ShownCell> breakdown, List<Comment> commentary, boolean suppressed,
               String owner, String ownerName, String seed, String source, List<String> gaps, String gapReason,
               List<Drill> drills, String scope) {
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
     * is shown only when asked for, marked provisional). Filters: {@code agency} and {@code team} make each
     * measure's headline (value, counts, RAG) and drill-down that agency's or team's published cell ({@link #row}),
     * {@code category} keeps the measures an agency kind owns.
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
        Filter none = new Filter(null, null, null);
        List<Row> all = entries.stream().map(e -> row(p.id(), e, rule, none)).toList();
        List<Row> rows = entries.stream().filter(e -> filter.category() == null || filter.category().equals(e.measure().owner()))
                .map(e -> row(p.id(), e, rule, filter)).toList();
        model.addAttribute("scope", filter.scope().map(s -> categoryName(p.id(), s.dimension(), s.category())).orElse(null));
        java.time.Instant dataAsAt = entries.stream().map(ScorecardEntry::publishedAt).filter(java.util.Objects::nonNull)
                .max(java.util.Comparator.naturalOrder()).orElse(null);
        model.addAttribute("period", chosen == null ? "" : chosen.label());
        model.addAttribute("closed", chosen != null && actions.isClosed(chosen));
        model.addAttribute("provisional", chosen != null && actions.isProvisional(chosen, dataAsAt));
        model.addAttribute("dataAsAt", dataAsAt);
        // The latest closed quarter is offered even before it is published, said to be so; the default stays the
        // latest closed period with published figures, and the page says when a later one awaits publication.
        Period lastClosed = Period.containing(PeriodType.QUARTER, java.time.LocalDate.now(clock.withZone(LONDON))).previous();
        boolean awaiting = !published.contains(lastClosed);
        model.addAttribute("awaiting", awaiting && (period == null || period.isBlank()) ? lastClosed.label() : null);
        List<PeriodChoice> choices = new java.util.ArrayList<>();
        if (awaiting) {
            choices.add(new PeriodChoice(lastClosed.label(), lastClosed.label() + " (closed, not published yet)"));
        }
        if (chosen != null && !published.contains(chosen) && !chosen.equals(lastClosed)) {
            choices.add(new PeriodChoice(chosen.label(), chosen.label() + " (not published)"));
        }
        published.forEach(pp -> choices.add(new PeriodChoice(pp.label(),
                pp.label() + (actions.isClosed(pp) ? "" : " (provisional: still open)"))));
        model.addAttribute("periods", choices);
        model.addAttribute("rows", rows);
        model.addAttribute("rule", rule);
        model.addAttribute("filter", filter);
        model.addAttribute("agencies", all.stream().flatMap(r -> r.breakdown().stream())
                .filter(c -> c.dimension().equals("source-agency")).map(ShownCell::category).distinct().sorted()
                .map(id -> new PeriodChoice(id, pages.agencyName(id))).toList());
        model.addAttribute("teams", all.stream().flatMap(r -> r.breakdown().stream())
                .filter(c -> c.dimension().equals("team")).map(ShownCell::category).distinct().sorted()
                .map(code -> new PeriodChoice(code, categoryName(p.id(), "team", code))).toList());
        model.addAttribute("categories", all.stream().map(r -> new PeriodChoice(r.owner(), r.ownerName())).distinct()
                .sorted(java.util.Comparator.comparing(PeriodChoice::words)).toList());
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
        if (!model.containsAttribute("typed")) {
            model.addAttribute("typed", Map.of());
        }
        return "scorecard";
    }

    /** A choice in a picker (a period, an agency, a team): its value and the words shown. */
    record PeriodChoice(String value, String words) {
    }

    /**
     * The page's filters, each null when not set. An agency or team filter narrows the headline figures as
     * well as the drill-down ({@link #scope}); the category filter keeps the measures its agency kind owns.
     */
    record Filter(String agency, String team, String category) {

        /** A drill-down cell named by its dimension and category. */
        record Scope(String dimension, String category) {
        }

        /**
         * The cell whose figures the headline shows: the team's when a team is chosen (the more precise), else
         * the agency's; empty when neither is.
         */
        java.util.Optional<Scope> scope() {
            return team != null ? java.util.Optional.of(new Scope("team", team))
                    : agency != null ? java.util.Optional.of(new Scope("source-agency", agency)) : java.util.Optional.empty();
        }

        /** True when the drill-down keeps cell {@code c}: every cell unfiltered, else the chosen agency's or team's. */
        boolean keeps(ShownCell c) {
            return switch (c.dimension()) {
                case "source-agency" -> team == null && (agency == null || agency.equals(c.category()));
                case "team" -> team == null ? agency == null : team.equals(c.category());
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
            // The text as typed goes back into the box: nothing the writer typed is lost to a refusal.
            redirect.addFlashAttribute("errors", Map.of("text-" + measure, refused.getMessage()));
            redirect.addFlashAttribute("typed", Map.of(measure, text == null ? "" : text));
        }
        return "redirect:/pages/scorecard?partnership=" + p.id() + "&period=" + chosen.label() + "#measure-" + measure;
    }

    /**
     * Publishes a closed period now, through the API's rules ({@link ScorecardActions#publish}): the roles of
     * {@code hub.scorecard.publishers} only (others get the 403 refusal page); refusals come back at the field.
     * Publishing freezes figures for every reader and sends them to subscribers, and cannot be undone, so the
     * form first answers with a confirmation page ({@code scorecard-publish.html}); only {@code confirm=yes},
     * sent from that page, publishes.
     */
    @PostMapping("/pages/scorecard/publication")
    String publish(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                   @RequestParam(required = false) String period, @RequestParam(required = false) String confirm,
                   Model model, RedirectAttributes redirect) {
        Partnership p = pages.partnership(principal, partnership, model);
        actions.requirePublisher(principal.user());   // the API's 403, as the refusal page
        try {
            if (period == null || period.isBlank()) {
                throw HubProblem.badRequest("Select the period to publish", "publish-period");
            }
            if (!"yes".equals(confirm)) {
                Period chosen = actions.publishable(period, "publish-period");
                model.addAttribute("publishing", chosen.label());
                model.addAttribute("republishing", scorecard.isPublished(p.id(), chosen));
                return "scorecard-publish";
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

    /**
     * Every figure as the controlled result holds it (no value is worked out or rounded here). Under an agency
     * or team filter the headline is that cell of the published drill-down ({@link PublishedMeasure#cellWords},
     * {@link PublishedMeasure#cellRag}): the same disclosure-controlled figures, so no filter reveals a count
     * the unfiltered page withholds; the trend is the partnership's only, so it is not shown then.
     */
    private Row row(String partnership, ScorecardEntry e, DisclosureRule rule, Filter filter) {
        MeasureDefinition m = e.measure();
        PublishedMeasure f = e.figures();
        String symbol = rule.symbol();
        List<PublishedMeasure.Value> trend = f.trend();
        PublishedMeasure.Value current = trend.get(trend.size() - 1);
        List<String> gaps = List.copyOf(PublishedMeasure.beforeData(trend));
        String benchmarks = m.benchmarks().stream()
                .map(b -> b.comparator() + " " + format(b.value(), m.unit()) + " (" + b.year() + ")")
                .collect(Collectors.joining("; "));
        List<ShownCell> cells = f.breakdown().stream().map(b -> new ShownCell(b.dimension(), b.category(), b.numerator(),
                b.denominator(), b.value() != null ? Unit.text(b.value()) : symbol.equals(f.cellWords(b, symbol)) ? symbol : "-"))
                .filter(filter::keeps).toList();
        String numerator = current.numerator();
        String denominator = current.denominator();
        String value = f.currentWords(symbol);
        boolean withheld = f.currentWithheld();
        boolean noValue = f.noValueReason().isPresent();
        Rag rag = f.rag();
        String direction = f.direction() == Direction.NOT_KNOWN
                ? "not known" + (trend.size() > 1 && gaps.contains(trend.get(trend.size() - 2).period())
                ? ": no data for the period before" : "")
                : f.direction().name().toLowerCase().replace('_', ' ');
        String scope = null;
        java.util.Optional<Filter.Scope> scoped = filter.scope();
        if (scoped.isPresent()) {
            String dimension = scoped.get().dimension();
            scope = categoryName(partnership, dimension, scoped.get().category());
            direction = "not known: trends are published for the whole partnership only";
            java.util.Optional<PublishedMeasure.BreakdownValue> cell = f.breakdown().stream()
                    .filter(b -> b.dimension().equals(dimension) && b.category().equals(scoped.get().category())).findFirst();
            numerator = cell.map(PublishedMeasure.BreakdownValue::numerator).orElse(null);
            denominator = cell.map(PublishedMeasure.BreakdownValue::denominator).orElse(null);
            rag = cell.map(f::cellRag).orElse(null);
            value = cell.map(b -> f.cellWords(b, symbol)).orElse(m.breakdowns().contains(dimension)
                    ? "No figures from " + scope + " for this measure in this period"
                    : "Not published by " + (dimension.equals("team") ? "team" : "agency")
                    + ": this measure's figures are for the whole partnership only");
            withheld = value.equals(symbol);
            noValue = !withheld && cell.map(PublishedMeasure.BreakdownValue::value).isEmpty();
        }
        return new Row(m.id(), m.title(), numerator, denominator, m.unit().code(), value, noValue,
                m.target() == null ? "none" : format(m.target(), m.unit()),
                rag == null ? null : rag.name().toLowerCase(), direction, benchmarks,
                trend.stream().map(PublishedMeasure.Value::period).toList(),
                trend.stream().map(v -> gaps.contains(v.period()) ? "" : Unit.text(v.value())).toList(),
                trend.stream().map(v -> v.period() + ": " + (gaps.contains(v.period()) ? "no data"
                        : v.value() != null ? m.unit().words(v.value())
                        : symbol.equals(v.numerator()) || symbol.equals(v.denominator())
                        ? "suppressed" : "no value")).collect(Collectors.joining("; ")),
                cells, e.commentary(), withheld, m.owner(), ownerName(partnership, m.owner()), m.seed(),
                references.words(m.seed()), gaps, gapReason(f, gaps), drills(partnership, cells), scope);
    }

    /**
     * The measure owner's name from partners.yml: the partnership's agencies of the owner kind ("West Mercia
     * Police"), joined by " and "; the kind in words when the partnership has none of that kind.
     */
    private String ownerName(String partnership, String kind) {
        String names = registry.agencies().stream()
                .filter(a -> a.kind().code().equals(kind) && a.partnerships().contains(partnership))
                .map(org.safeguarding.hub.partner.Agency::name).collect(Collectors.joining(" and "));
        return names.isEmpty() ? kind.substring(0, 1).toUpperCase() + kind.substring(1).replace('-', ' ') : names;
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

    /** The drill-down cells grouped by dimension, each category by its display name (partners.yml). */
    private List<Drill> drills(String partnership, List<ShownCell> cells) {
        java.util.Map<String, List<DrillLine>> byDimension = new java.util.LinkedHashMap<>();
        for (ShownCell c : cells) {
            String name = categoryName(partnership, c.dimension(), c.category());
            byDimension.computeIfAbsent(c.dimension(), k -> new java.util.ArrayList<>()).add(new DrillLine(name, c));
        }
        return byDimension.entrySet().stream().map(d -> new Drill(switch (d.getKey()) {
            case "source-agency" -> "By agency";
            case "team" -> "By team";
            default -> "By category";
        }, d.getValue())).toList();
    }

    /** The page's sentence on the trend's gaps: the first period's reason ({@link PublishedMeasure#noDataReason}). */
    private static String gapReason(PublishedMeasure f, List<String> gaps) {
        return gaps.isEmpty() ? null : "No data in " + String.join(", ", gaps) + " ("
                + f.noDataReason(gaps.get(0)).orElseThrow() + "): shown as gaps, not zeros.";
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
