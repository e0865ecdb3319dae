package org.safeguarding.hub.scorecard;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Expression;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * The scorecard as FHIR R4: a {@code Measure} per measure definition and a {@code MeasureReport}
 * ({@code type = summary}) per measure per period, built with HAPI FHIR. Suppressed counts carry no
 * value and the data-absent-reason extension {@code masked}; every report states the disclosure rule
 * in its narrative. Counts, scores and the narrative's value are all read from the one
 * {@link PublishedMeasure}; no time of writing goes into a resource (a report's date and a bundle's
 * timestamp are the publication's), so the same publication is the same bytes.
 */
public final class ScorecardFhir {

    public static final FhirContext FHIR = FhirContext.forR4Cached();
    static final String POPULATION = "http://terminology.hl7.org/CodeSystem/measure-population";
    static final String SCORING = "http://terminology.hl7.org/CodeSystem/measure-scoring";
    static final String IMPROVEMENT = "http://terminology.hl7.org/CodeSystem/measure-improvement-notation";
    static final String DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";
    /** R4's expression languages are bound (text/cql, text/fhirpath, x-fhir-query): the criteria are named CQL-style identifiers. */
    static final String COMPUTATION_LANGUAGE = "text/cql";
    static final String UCUM = "http://unitsofmeasure.org";
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    private final String baseUrl;
    private final DisclosureRule rule;

    /** @param baseUrl where the hub's FHIR resources live, e.g. https://hub.example.org/fhir */
    public ScorecardFhir(String baseUrl, DisclosureRule rule) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.rule = rule;
    }

    public String measureUrl(MeasureDefinition m) {
        return baseUrl + "/Measure/" + m.id();
    }

    public Measure measure(MeasureDefinition m) {
        Measure measure = new Measure();
        measure.setId(m.id());
        measure.setUrl(measureUrl(m));
        measure.setName(m.id().replace("-", "_"));
        measure.setTitle(m.title());
        measure.setStatus(PublicationStatus.ACTIVE);
        measure.setDescription(m.numerator() + (m.denominator() == null ? "" : ", of " + m.denominator()));
        measure.setDisclaimer(rule.statement());
        measure.setPurpose("Safeguarding partnership multi-agency dataset; source " + m.seed());
        measure.setScoring(new CodeableConcept(new Coding(SCORING, switch (m.unit()) {
            case PERCENT -> "proportion";
            case RATE_PER_10000 -> "ratio";
            case COUNT -> "cohort";
        }, null)));
        if (m.polarity() != Polarity.NEUTRAL) {
            measure.setImprovementNotation(new CodeableConcept(new Coding(IMPROVEMENT,
                    m.polarity() == Polarity.HIGH_IS_GOOD ? "increase" : "decrease", null)));
        }
        Measure.MeasureGroupComponent group = measure.addGroup();
        // The criteria name (as a quoted identifier) the hub computation that counts the population (one class per measure).
        group.addPopulation().setCode(population(m.unit() == Unit.COUNT ? "initial-population" : "numerator"))
                .setDescription(m.numerator()).setCriteria(criteria(m, "numerator"));
        if (m.denominator() != null) {
            group.addPopulation().setCode(population("denominator")).setDescription(m.denominator())
                    .setCriteria(criteria(m, "denominator"));
        }
        m.breakdowns().forEach(b -> group.addStratifier().setCode(new CodeableConcept().setText(b))
                .setDescription("by " + b));
        return measure;
    }

    /** The report of the reported period of one measure. */
    public MeasureReport report(String partnership, ScorecardEntry entry) {
        PublishedMeasure figures = entry.figures();
        MeasureDefinition m = entry.measure();
        Period period = Period.parse(figures.period());
        PublishedMeasure.Value current = figures.trend().get(figures.trend().size() - 1);
        MeasureReport report = new MeasureReport();
        report.setId(m.id() + "-" + figures.period() + (entry.version() == null ? "" : "-v" + entry.version()));
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(measureUrl(m));
        report.setReporter(new Reference().setDisplay(partnership));
        if (entry.publishedAt() != null) {
            report.setDateElement(instant(entry.publishedAt()));
        }
        report.setPeriod(new org.hl7.fhir.r4.model.Period()
                .setStartElement(new DateTimeType(period.start().toString()))
                .setEndElement(new DateTimeType(period.lastDay().toString())));
        if (m.polarity() != Polarity.NEUTRAL) {
            report.setImprovementNotation(new CodeableConcept(new Coding(IMPROVEMENT,
                    m.polarity() == Polarity.HIGH_IS_GOOD ? "increase" : "decrease", null)));
        }
        Narrative text = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        text.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + escape(m.title()) + ", "
                + escape(figures.period()) + ": " + escape(figures.currentWords(rule.symbol()))
                + "</p><p>" + escape(disclosureNote(figures)) + "</p></div>");
        report.setText(text);
        MeasureReport.MeasureReportGroupComponent group = report.addGroup();
        group.addPopulation().setCode(population(m.unit() == Unit.COUNT ? "initial-population" : "numerator"))
                .setCountElement(count(current.numerator()));
        if (current.denominator() != null) {
            group.addPopulation().setCode(population("denominator")).setCountElement(count(current.denominator()));
        }
        if (current.value() != null) {
            group.setMeasureScore(score(m, current.value()));
        }
        for (String dimension : figures.breakdown().stream().map(PublishedMeasure.BreakdownValue::dimension).distinct().toList()) {
            MeasureReport.MeasureReportGroupStratifierComponent stratifier = group.addStratifier();
            stratifier.addCode(new CodeableConcept().setText(dimension));
            figures.breakdown().stream().filter(b -> b.dimension().equals(dimension)).forEach(b -> {
                MeasureReport.StratifierGroupComponent stratum = stratifier.addStratum();
                stratum.setValue(new CodeableConcept().setText(b.category()));
                stratum.addPopulation().setCode(population(m.unit() == Unit.COUNT ? "initial-population" : "numerator"))
                        .setCountElement(count(b.numerator()));
                if (b.denominator() != null) {
                    stratum.addPopulation().setCode(population("denominator")).setCountElement(count(b.denominator()));
                }
                if (b.value() != null) {
                    stratum.setMeasureScore(score(m, b.value()));
                }
            });
        }
        return report;
    }

    /** A collection Bundle of the Measure and MeasureReport of every entry. */
    public Bundle bundle(String partnership, List<ScorecardEntry> entries) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        // The newest publication among the entries, never "now": the same publication gives the same bytes.
        entries.stream().map(ScorecardEntry::publishedAt).filter(java.util.Objects::nonNull).max(Instant::compareTo)
                .ifPresent(at -> bundle.setTimestampElement(new InstantType(Date.from(at), TemporalPrecisionEnum.MILLI, UTC)));
        for (ScorecardEntry entry : entries) {
            Measure measure = measure(entry.measure());
            bundle.addEntry().setFullUrl(measure.getUrl()).setResource(measure);
            MeasureReport report = report(partnership, entry);
            bundle.addEntry().setFullUrl(baseUrl + "/MeasureReport/" + report.getIdElement().getIdPart()).setResource(report);
        }
        return bundle;
    }

    public String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return FHIR.newJsonParser().setPrettyPrint(false).encodeResourceToString(resource);
    }

    private static Expression criteria(MeasureDefinition m, String part) {
        return new Expression().setLanguage(COMPUTATION_LANGUAGE).setExpression("\"" + m.computation() + " " + part + "\"")
                .setDescription("computed by the hub's " + m.computation() + " computation");
    }

    private static CodeableConcept population(String code) {
        return new CodeableConcept(new Coding(POPULATION, code, null));
    }

    /** A published count, or no value with data-absent-reason "masked" where suppressed. */
    private static IntegerType count(String shown) {
        if (shown.chars().allMatch(Character::isDigit)) {
            return new IntegerType(Integer.parseInt(shown));
        }
        IntegerType masked = new IntegerType();
        masked.addExtension(new Extension(DATA_ABSENT, new CodeType("masked")));
        return masked;
    }

    private static Quantity score(MeasureDefinition m, BigDecimal value) {
        Quantity quantity = new Quantity().setValue(value);
        return switch (m.unit()) {
            case PERCENT -> quantity.setUnit("%").setSystem(UCUM).setCode("%");
            case RATE_PER_10000 -> quantity.setUnit("per 10,000 children");
            case COUNT -> quantity;
        };
    }

    private String disclosureNote(PublishedMeasure figures) {
        return figures.disclosureControlled() ? "Disclosure control: " + rule.statement()
                : "NOT DISCLOSURE-CONTROLLED: for MASH staff of the partnership only.";
    }

    /** A publication time in UTC whatever the server's time zone, so the file is the same on every node. */
    private static DateTimeType instant(Instant at) {
        return new DateTimeType(Date.from(at), TemporalPrecisionEnum.SECOND, UTC);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
