package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.measures.ShippedComputations;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.config.ConfigFiles;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scorecard's FHIR MeasureReport and Measure validate with HAPI's validator; the CSV states the rule. */
class ScorecardFhirTest {

    private static MeasureCatalogue catalogue;
    private static MeasureReportValidator validator;
    private static ScorecardFhir fhir;

    @BeforeAll
    static void load() {
        catalogue = MeasureCatalogue.load(ConfigFiles.defaults(), ShippedComputations.all());
        validator = new MeasureReportValidator();
        fhir = new ScorecardFhir("https://hub.example.org/fhir", catalogue.disclosureRule());
    }

    /**
     * Contacts decided within 24 hours, 2026-27 Q3, with 7 quarters of trend: 40 of 50 in time;
     * by agency police 33 of 38, schools 7 of 12 (7 suppressed; then police's numerator is suppressed
     * too, or 40 - 33 would give it away).
     */
    private static ScorecardEntry decidedWithin24Hours() {
        MeasureDefinition m = catalogue.measure("contacts-decided-within-24-hours").orElseThrow();
        List<PeriodFigures> trend = new ArrayList<>();
        for (Period p : Period.parse("2026-27-Q3").trend(8)) {
            boolean current = p.label().equals("2026-27-Q3");
            trend.add(new PeriodFigures(p, current ? new Figure(40, 50) : new Figure(30, 45), current
                    ? List.of(new Cell("source-agency", "west-mercia-police", new Figure(33, 38)),
                    new Cell("source-agency", "herefordshire-education", new Figure(7, 12)))
                    : List.of()));
        }
        MeasureResult result = new MeasureResult(m, 36029, trend);
        PublishedMeasure figures = PublishedMeasure.disclosed(result, new DisclosureControl(catalogue.disclosureRule()),
                List.of());
        return new ScorecardEntry(m, figures, 1, Instant.parse("2027-01-05T09:00:00Z"), null, List.of());
    }

    @Test
    void theMeasureReportIsASummaryThatValidates() {
        ScorecardEntry entry = decidedWithin24Hours();
        MeasureReport report = fhir.report("herefordshire", entry);
        assertThat(report.getType()).isEqualTo(MeasureReport.MeasureReportType.SUMMARY);
        assertThat(report.getMeasure()).isEqualTo("https://hub.example.org/fhir/Measure/contacts-decided-within-24-hours");
        assertThat(report.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-10-01");
        assertThat(report.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-12-31");
        // 40 / 50 = 80.0%; the counts show rounded: 40 and 50.
        MeasureReport.MeasureReportGroupComponent group = report.getGroupFirstRep();
        assertThat(group.getMeasureScore().getValue()).isEqualByComparingTo(new BigDecimal("80.0"));
        assertThat(group.getPopulation().get(0).getCount()).isEqualTo(40);
        assertThat(group.getPopulation().get(1).getCount()).isEqualTo(50);
        // Schools' 7 and police's 33 are suppressed: no count, data-absent-reason masked, no score.
        MeasureReport.StratifierGroupComponent schools = group.getStratifierFirstRep().getStratum().stream()
                .filter(s -> s.getValue().getText().equals("herefordshire-education")).findFirst().orElseThrow();
        assertThat(schools.getPopulation().get(0).getCountElement().hasValue()).isFalse();
        assertThat(schools.getPopulation().get(0).getCountElement().getExtensionByUrl(ScorecardFhir.DATA_ABSENT)).isNotNull();
        assertThat(schools.hasMeasureScore()).isFalse();
        assertThat(report.getText().getDivAsString()).contains("Counts from 1 to 7 are suppressed");

        assertThat(validator.errors(report)).isEmpty();
    }

    @Test
    void everyMeasureDefinitionIsAValidFhirMeasure() {
        for (MeasureDefinition m : catalogue.measures()) {
            Measure measure = fhir.measure(m);
            assertThat(validator.errors(measure)).as(m.id()).isEmpty();
        }
    }

    @Test
    void theBundleCarriesAMeasureAndAReportPerMeasure() {
        Bundle bundle = fhir.bundle("herefordshire", List.of(decidedWithin24Hours()));
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType()).containsExactly("Measure", "MeasureReport");
        assertThat(validator.errors(bundle)).isEmpty();
    }

    @Test
    void theCsvHasItsHeaderOnLineOneNumbersOnlyAndTheSuppressionSymbolInItsOwnColumn() {
        String csv = ScorecardCsv.write("herefordshire", "2026-27-Q3", catalogue.disclosureRule(), true,
                List.of(decidedWithin24Hours()));
        // A byte-order mark, then the header: no comment lines before it.
        assertThat(csv).startsWith("\uFEFFpartnership,measure_id,title,unit,polarity,period,period_start,period_end,"
                + "version,dimension,category,numerator,denominator,value,suppression,no_data,target,rag,direction_of_travel,"
                + "disclosure_control\r\n");
        assertThat(csv).doesNotContain("\n#");
        // Current total row: 40 of 50, 80.0%, target 95, Red; 2026-27 Q3 runs from 1 October to 31 December 2026.
        assertThat(csv).contains("2026-27-Q3,2026-10-01,2026-12-31,1,total,,40,50,80.0,,,95,RED,");
        // The withheld numerators are empty and marked c; the disclosure rule is in every row.
        assertThat(csv).contains("source-agency,herefordshire-education,,10,,c,,95,,,\"Counts from 1 to 7 are suppressed");
        assertThat(csv).contains("source-agency,west-mercia-police,,40,,c,,95,,,\"Counts from 1 to 7 are suppressed");
    }
}
