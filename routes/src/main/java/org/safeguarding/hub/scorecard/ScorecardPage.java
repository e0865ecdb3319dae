package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.partner.Partnership;
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
import java.util.stream.Collectors;

/**
 * The scorecard page, what a board member puts on the screen: disclosure-controlled figures for
 * everyone (viewers and MASH staff alike: it is the board's view), a period picker, trend charts,
 * drill-down by agency and the CSV download.
 */
@Controller
class ScorecardPage {

    private final Scorecard scorecard;
    private final PageContext pages;
    private final ServedDates served;

    ScorecardPage(Scorecard scorecard, PageContext pages, ServedDates served) {
        this.scorecard = scorecard;
        this.pages = pages;
        this.served = served;
    }

    /**
     * One measure as the page shows it; {@code noValue} true when {@code value} is the reason there is
     * none. {@code numerator} and {@code denominator} are the reported period's counts as published.
     */
    record Row(String id, String title, String numerator, String denominator, String unit, String value, boolean noValue,
               String target,
               String rag, String direction, String benchmarks, List<String> trendLabels, List<String> trendValues,
               List<ShownCell> breakdown, List<Comment> commentary, boolean suppressed,
               String owner, String seed) {
    }

    /** One drill-down cell as shown: {@code value} as published, the symbol when withheld, "-" when there is none. */
    record ShownCell(String dimension, String category, String numerator, String denominator, String value) {
    }

    @GetMapping("/pages/scorecard")
    String page(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                @RequestParam(required = false) String period, Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<Period> published = scorecard.publishedPeriods(p.id());
        Period chosen = period(period, published);
        DisclosureRule rule = scorecard.catalogue().disclosureRule();
        List<Row> rows;
        try {
            rows = chosen == null ? List.of() : scorecard.view(p.id(), chosen, true).stream().map(e -> row(e, rule)).toList();
            model.addAttribute("published", chosen != null);
        } catch (PeriodNotPublished e) {
            rows = List.of();
            model.addAttribute("published", false);
        }
        model.addAttribute("period", chosen == null ? "" : chosen.label());
        model.addAttribute("periods", published.stream().map(Period::label).toList());
        model.addAttribute("rows", rows);
        model.addAttribute("rule", rule);
        model.addAttribute("ragCounts", rows.stream().filter(r -> r.rag() != null)
                .collect(Collectors.groupingBy(Row::rag, Collectors.counting())));
        return "scorecard";
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
    private static Row row(ScorecardEntry e, DisclosureRule rule) {
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
                f.direction().name().toLowerCase().replace('_', ' '), benchmarks,
                trend.stream().map(PublishedMeasure.Value::period).toList(),
                trend.stream().map(v -> Unit.text(v.value())).toList(),
                f.breakdown().stream().map(b -> new ShownCell(b.dimension(), b.category(), b.numerator(), b.denominator(),
                        b.value() != null ? Unit.text(b.value()) : rule.symbol().equals(b.numerator())
                                || rule.symbol().equals(b.denominator()) ? rule.symbol() : "-")).toList(),
                e.commentary(), f.currentWithheld(), m.owner(), m.seed());
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
