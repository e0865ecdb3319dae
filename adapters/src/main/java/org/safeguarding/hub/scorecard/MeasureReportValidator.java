package org.safeguarding.hub.scorecard;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;

import java.util.List;

/** HAPI's instance validator against the base R4 profiles; building it takes seconds, so build one. */
public final class MeasureReportValidator {

    private final FhirValidator validator;

    public MeasureReportValidator() {
        ValidationSupportChain chain = new ValidationSupportChain(
                new DefaultProfileValidationSupport(ScorecardFhir.FHIR),
                new CommonCodeSystemsTerminologyService(ScorecardFhir.FHIR),
                new InMemoryTerminologyServerValidationSupport(ScorecardFhir.FHIR),
                new SnapshotGeneratingValidationSupport(ScorecardFhir.FHIR));
        validator = ScorecardFhir.FHIR.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
    }

    /** Errors and fatal problems only (warnings, e.g. unresolvable canonical URLs, are not failures). */
    public List<String> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(SingleValidationMessage::toString).toList();
    }
}
