package org.safeguarding.hub.intake;

import ca.uhn.fhir.rest.annotation.Transaction;
import ca.uhn.fhir.rest.annotation.TransactionParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;
import org.safeguarding.hub.fhir.SystemLevelProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

/**
 * {@code POST [base]} ({@code /fhir}): a health partner's transaction or batch Bundle, answered with a
 * transaction-response (batch-response) Bundle entry by entry ({@link TransactionResponses});
 * {@code ?dryRun=true} checks and stores nothing. Partner systems only; the agreement check is intake's.
 */
@Component
public class FhirTransactions implements SystemLevelProvider {

    private final FhirIntake intake;

    FhirTransactions(FhirIntake intake) {
        this.intake = intake;
    }

    @Transaction
    @PreAuthorize("hasRole('partner-system')")
    public Bundle transaction(@TransactionParam Bundle bundle, RequestDetails request) {
        return intake.transaction(bundle, request);
    }
}
