package org.safeguarding.hub.scorecard;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.springframework.stereotype.Component;

/** FHIR read {@code GET /fhir/Measure/{id}}: a measure of the scorecard's catalogue ({@link FhirScorecard}). */
@Component
public class MeasureProvider implements IResourceProvider {

    private final FhirScorecard scorecard;

    MeasureProvider(FhirScorecard scorecard) {
        this.scorecard = scorecard;
    }

    @Override
    public Class<Measure> getResourceType() {
        return Measure.class;
    }

    @Read
    public Measure read(@IdParam IdType id) {
        return scorecard.measure(id.getIdPart());
    }
}
