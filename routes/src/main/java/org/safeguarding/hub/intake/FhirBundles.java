package org.safeguarding.hub.intake;

import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Validate;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]/Bundle/$validate}: a health partner's Bundle checked against the hub's rules
 * (agreement, strict parse, every record's rules) storing nothing; the answer is an OperationOutcome
 * with an issue per rejected record. ({@code POST [base]/Bundle} itself is the older entry point,
 * answered by the intake endpoint: fhir.FhirServer.)
 */
@Component
public class FhirBundles implements IResourceProvider {

    private final FhirIntake intake;

    FhirBundles(FhirIntake intake) {
        this.intake = intake;
    }

    @Override
    public Class<Bundle> getResourceType() {
        return Bundle.class;
    }

    @Validate
    @PreAuthorize("hasRole('partner-system')")
    public MethodOutcome validate(@ResourceParam Bundle bundle, RequestDetails request) {
        return new MethodOutcome().setOperationOutcome(intake.validate(bundle, request));
    }
}
