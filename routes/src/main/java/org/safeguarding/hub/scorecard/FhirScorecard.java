package org.safeguarding.hub.scorecard;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The scorecard's FHIR reads behind {@link MeasureReportProvider} and {@link MeasureProvider}, with
 * the scorecard API's method security: readers of the partnership only (404 for a partnership the
 * registry does not know, then 403 unless the caller's). Always disclosure-controlled, published
 * periods only (an unpublished period is a 404).
 */
@Component
class FhirScorecard {

    private final Scorecard scorecard;
    private final ScorecardFhir fhir;
    private final ServedDates served;

    FhirScorecard(Scorecard scorecard, ScorecardFhir fhir, ServedDates served) {
        this.scorecard = scorecard;
        this.fhir = fhir;
        this.served = served;
    }

    /** A searchset of the partnership's MeasureReports for the period, of one measure when {@code measure} is given. */
    @PreAuthorize(ScorecardController.READERS + ScorecardController.OF_THE_PARTNERSHIP)
    public Bundle reports(String partnership, String period, String measure) {
        Period parsed = ServedPeriods.check(served, period, "period");
        List<ScorecardEntry> entries;
        try {
            entries = scorecard.view(partnership, parsed, true);
        } catch (PeriodNotPublished e) {
            throw HubProblem.notFound(e.getMessage());
        }
        List<ScorecardEntry> chosen = entries.stream().filter(e -> measure == null || e.measure().id().equals(measure))
                .toList();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(chosen.size());
        chosen.forEach(e -> bundle.addEntry().setResource(fhir.report(partnership, e)));
        // A publication reads back byte for byte: an id of the search and the time the figures were
        // published, where HAPI would put a random id and the time of the read.
        bundle.setId(UUID.nameUUIDFromBytes((partnership + '\u001f' + period + '\u001f' + measure)
                .getBytes(StandardCharsets.UTF_8)).toString());
        bundle.getEntry().stream().map(e -> ((MeasureReport) e.getResource()).getDate())
                .filter(Objects::nonNull).max(Comparator.naturalOrder())
                .ifPresent(bundle.getMeta()::setLastUpdated);
        return bundle;
    }

    @PreAuthorize(ScorecardController.READERS)
    public Measure measure(String id) {
        return fhir.measure(scorecard.catalogue().measure(id)
                .orElseThrow(() -> HubProblem.notFound("no measure '" + id + "'")));
    }
}
