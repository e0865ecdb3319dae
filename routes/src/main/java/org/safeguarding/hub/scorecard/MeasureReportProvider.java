package org.safeguarding.hub.scorecard;

import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MeasureReport;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.stereotype.Component;

/**
 * FHIR search {@code GET /fhir/MeasureReport?subject=<partnership>&period=<label>[&measure=<id>]}:
 * the partnership's disclosure-controlled figures for a published period ({@link FhirScorecard}).
 * {@code subject} and {@code period} are required (400 naming the one missing).
 */
@Component
public class MeasureReportProvider implements IResourceProvider {

    private final FhirScorecard scorecard;

    MeasureReportProvider(FhirScorecard scorecard) {
        this.scorecard = scorecard;
    }

    @Override
    public Class<MeasureReport> getResourceType() {
        return MeasureReport.class;
    }

    @Search
    public Bundle search(@OptionalParam(name = "subject") StringParam subject,
                         @OptionalParam(name = "period") StringParam period,
                         @OptionalParam(name = "measure") StringParam measure) {
        return scorecard.reports(required(subject, "subject", "the partnership, e.g. herefordshire"),
                required(period, "period", "a period label, e.g. 2025-26-Q1"), measure == null ? null : measure.getValue());
    }

    private static String required(StringParam parameter, String name, String what) {
        if (parameter == null || parameter.getValue() == null || parameter.getValue().isBlank()) {
            throw HubProblem.badRequest(name + " is required: " + what + ".", name);
        }
        return parameter.getValue();
    }
}
