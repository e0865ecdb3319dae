package org.safeguarding.hub.audit.review;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.StringAndListParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.safeguarding.hub.audit.AuditTrailReader;
import org.safeguarding.hub.web.SearchPage;
import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit trail for auditors as FHIR R4 on the FHIR server: {@code GET /fhir/AuditEvent} (a
 * searchset Bundle, newest first, by {@link AuditSearchParameters}) and {@code GET /fhir/AuditEvent/{seq}}.
 * Each look is itself audited ({@link AuditReview}).
 */
@Component
public class AuditEventProvider implements IResourceProvider {

    private final AuditReview review;
    private final ServedDates served;

    AuditEventProvider(AuditReview review, ServedDates served) {
        this.review = review;
        this.served = served;
    }

    @Override
    public Class<AuditEvent> getResourceType() {
        return AuditEvent.class;
    }

    /**
     * The declared parameters are what the CapabilityStatement lists; the values are read, checked
     * and bounded by {@link AuditSearchParameters} from the query as sent (a {@code date} outside the
     * served range is a 400 naming {@code date}).
     */
    @Search(allowUnknownParams = true)
    @PreAuthorize("hasRole('auditor')")
    public Bundle search(@OptionalParam(name = "date") StringAndListParam date,
                         @OptionalParam(name = "agent-name") StringParam agentName,
                         RequestDetails details, HttpServletRequest request) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        details.getParameters().forEach((name, values) -> parameters.put(name, Arrays.asList(values)));
        AuditTrailReader.Search search = AuditSearchParameters.parse(parameters, served);
        AuditTrailReader.Page page = review.search(Callers.current(), search, request.getRemoteAddr());
        var self = ServletUriComponentsBuilder.fromRequest(request);
        String next = new SearchPage(search.count(), search.offset()).next(details.getFhirServerBase() + "/AuditEvent",
                details.getParameters(), page.total(), page.records().size());
        return AuditEventResources.searchset(page, details.getFhirServerBase(), self.toUriString(), next);
    }

    @Read
    @PreAuthorize("hasRole('auditor')")
    public AuditEvent read(@IdParam IdType id, HttpServletRequest request) {
        long seq;
        try {
            seq = Long.parseLong(id.getIdPart());
        } catch (NumberFormatException e) {
            throw HubProblem.badRequest("An AuditEvent id is its sequence number, a whole number.", "id");
        }
        return review.read(Callers.current(), seq, request.getRemoteAddr()).map(AuditEventResources::auditEvent)
                .orElseThrow(() -> HubProblem.notFound("There is no audit event " + seq + "."));
    }
}
