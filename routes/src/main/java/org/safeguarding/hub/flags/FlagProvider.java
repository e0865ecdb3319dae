package org.safeguarding.hub.flags;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.IdType;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code GET /fhir/Flag?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<n>} (also written
 * {@code patient.identifier=}, the chained form HAPI's client sends): the child protection flags in
 * force today for the child with that NHS number, as a searchset Bundle of {@link Flag}s
 * ({@link FlagResources}); none (total 0) is "no flag known". For a health agency's system (role
 * partner-system) under an agreement naming direct-care ({@link FlagQueries}: refusals 403). An
 * optional {@code X-Practitioner-Id} header names the clinician who asks, for the audit trail. A
 * missing, repeated, non-NHS or malformed identifier is a 400 naming {@code patient:identifier}.
 * Every refusal is audited, 403 and 400 alike, naming who asked (method security only requires a
 * token: the role is {@link FlagQueries}' to check, so that its refusal is audited too).
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
    @PreAuthorize("isAuthenticated()")
    public Bundle search(RequestDetails details, HttpServletRequest request) {
        FlagAsker asker = asker(request);
        FlagSearch.Query query = checked(asker, () -> FlagSearch.query(details.getParameters()));
        List<ProtectionFlag> flags = admitted(() -> queries.ask(asker, query.nhsNumber(), query.current()));
        List<ProtectionFlag> page = query.page().of(flags);
        return FlagResources.searchset(page, flags.size(), query.nhsNumber(), query.current(),
                details.getFhirServerBase(), details.getCompleteUrl(),
                query.page().next(details.getFhirServerBase() + "/Flag", details.getParameters(), flags.size(), page.size()));
    }

    /**
     * {@code GET /fhir/Flag/{id}}, the {@code fullUrl} of a search's entry: the flag, under the search's
     * rules and audit ({@link FlagQueries#read}); 404 for an id that is no flag in force the caller may see.
     */
    @Read
    @PreAuthorize("isAuthenticated()")
    public Flag read(@IdParam IdType id, HttpServletRequest request) {
        FlagAsker asker = asker(request);
        CurrentFlags.Held held = admitted(() -> queries.read(asker, uuid(id.getIdPart())))
                .orElseThrow(() -> HubProblem.notFound("There is no flag in force with that id for you to see."));
        return FlagResources.flag(held.flag(), held.nhsNumber());
    }

    /** A flag's id as a UUID, or null when it is none (then no flag has it). */
    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }

    /** The caller, admitted (or refused, 403, audited), with the practitioner its request names checked (400, audited). */
    private FlagAsker asker(HttpServletRequest request) {
        HubUser caller = Callers.current();
        String header = request.getHeader(FlagSearch.PRACTITIONER_HEADER);
        // A system by its client, a person (refused, but audited) by name: a staff token's client is the hub's own web client
        FlagAsker asker = new FlagAsker(caller.agencyId(), caller.isPartnerSystem() && caller.clientId() != null
                ? caller.clientId() : caller.name(),
                Callers.actor(caller, request).role(), FlagSearch.named(header), request.getRemoteAddr());
        admitted(() -> {
            queries.admit(asker);
            return asker;
        });
        return checked(asker, () -> {
            FlagSearch.practitioner(header);
            return asker;
        });
    }

    /** What {@code query} answers; a refusal of who asks (already audited) as a 403. */
    private static <T> T admitted(Supplier<T> query) {
        try {
            return query.get();
        } catch (FlagRefusal refused) {
            throw HubProblem.forbidden(refused.getMessage());
        }
    }

    /** What {@code check} reads from the request; its 400 audited for {@code asker} first. */
    private <T> T checked(FlagAsker asker, Supplier<T> check) {
        try {
            return check.get();
        } catch (HubProblem malformed) {
            queries.malformed(asker);
            throw malformed;
        }
    }
}
