package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditTrailReader;
import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The audit trail for auditors as FHIR R4: {@code GET /fhir/AuditEvent} (a searchset Bundle,
 * newest first) and {@code GET /fhir/AuditEvent/{seq}}.
 */
@RestController
@PreAuthorize("hasRole('auditor')")
class AuditEventController {

    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json;charset=UTF-8");

    private final AuditReview review;
    private final ServedDates served;

    AuditEventController(AuditReview review, ServedDates served) {
        this.review = review;
        this.served = served;
    }

    @GetMapping(path = "/fhir/AuditEvent", produces = "application/fhir+json")
    ResponseEntity<String> search(@AuthenticationPrincipal HubUser auditor, @RequestParam MultiValueMap<String, String> parameters,
                                  HttpServletRequest request) {
        AuditTrailReader.Search search = AuditSearchParameters.parse(parameters, served);
        AuditTrailReader.Page page = review.search(auditor, search, request.getRemoteAddr());
        var self = ServletUriComponentsBuilder.fromCurrentRequest();
        String next = search.offset() + page.records().size() < page.total()
                ? self.cloneBuilder().replaceQueryParam("_offset", search.offset() + search.count())
                        .replaceQueryParam("_count", search.count()).toUriString()
                : null;
        Bundle bundle = AuditEventResources.searchset(page, fhirBase(), self.toUriString(), next);
        return fhir(bundle);
    }

    @GetMapping(path = "/fhir/AuditEvent/{seq}", produces = "application/fhir+json")
    ResponseEntity<String> read(@AuthenticationPrincipal HubUser auditor, @PathVariable long seq, HttpServletRequest request) {
        return review.read(auditor, seq, request.getRemoteAddr())
                .map(record -> fhir(AuditEventResources.auditEvent(record)))
                .orElseThrow(() -> HubProblem.notFound("There is no audit event " + seq + "."));
    }

    private static String fhirBase() {
        return ServletUriComponentsBuilder.fromCurrentContextPath().path("/fhir").toUriString();
    }

    private static ResponseEntity<String> fhir(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource);
        return ResponseEntity.ok().contentType(FHIR_JSON).body(json);
    }
}
