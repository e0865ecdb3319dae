package org.safeguarding.hub.flags;

import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code GET /fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<n>} (also written
 * {@code patient.identifier=}, the chained form HAPI's client sends): the child protection flags in
 * force today for the child with that NHS number, as a searchset Bundle of {@link Flag}s
 * ({@link FlagResources}); none (total 0) is "no flag known". For a health agency's system (role
 * partner-system) under an agreement naming direct-care ({@link FlagQueries}: refusals 403, audited).
 * An optional {@code X-Practitioner-Id} header names the clinician who asks, for the audit trail.
 * A missing, repeated, non-NHS or malformed identifier is a 400 naming {@code patient:identifier}.
 */
@Component
public class FlagProvider implements IResourceProvider {

    private final FlagQueries queries;

    FlagProvider(FlagQueries queries) {
        this.queries = queries;
    }

    @Override
    public Class<Flag> getResourceType() {
        return Flag.class;
    }

    @Search(allowUnknownParams = true)
    @PreAuthorize("hasRole('partner-system')")
    public Bundle search(RequestDetails details, HttpServletRequest request) {
        String nhsNumber = FlagSearch.nhsNumber(details.getParameters());
        String practitioner = FlagSearch.practitioner(request.getHeader(FlagSearch.PRACTITIONER_HEADER));
        HubUser caller = Callers.current();
        List<ProtectionFlag> flags;
        try {
            flags = queries.ask(new FlagAsker(caller.agencyId(),
                    caller.clientId() != null ? caller.clientId() : caller.name(), practitioner, request.getRemoteAddr()),
                    nhsNumber);
        } catch (FlagRefusal refused) {
            throw HubProblem.forbidden(refused.getMessage());
        }
        return FlagResources.searchset(flags, nhsNumber, details.getFhirServerBase(), details.getCompleteUrl());
    }
}
