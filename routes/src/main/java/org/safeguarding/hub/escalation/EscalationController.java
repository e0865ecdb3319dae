package org.safeguarding.hub.escalation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.Codes;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.JsonBodies;
import org.safeguarding.hub.web.JsonBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * Escalation records. A partner system raises a professional disagreement about its own referral
 * and may take it to the next stage; MASH staff of the partnership see and escalate; only a MASH
 * lead resolves.
 */
@RestController
@RequestMapping(produces = MediaType.APPLICATION_JSON_VALUE)
class EscalationController {

    /** {@code POST /disagreements}: the partner's own contact, and why it disagrees. */
    record Disagreement(@NotNull(message = "is required") UUID contactId, @NotBlank(message = "is required") String summary) {
    }

    /** {@code POST /{id}/escalate}: an optional note. */
    record Escalate(String note) {
    }

    /** {@code POST /{id}/resolution}: the outcome (checked by {@link Disagreements#resolve}) and an optional note. */
    record Resolution(@NotBlank(message = "is required") String outcome, String note) {
    }

    /** {@code 201} of a raised disagreement. */
    record DisagreementRaised(UUID escalationId) {
    }

    private final Disagreements disagreements;
    private final Escalations escalations;
    private final JsonBodies bodies;

    EscalationController(Disagreements disagreements, Escalations escalations, JsonBodies bodies) {
        this.disagreements = disagreements;
        this.escalations = escalations;
        this.bodies = bodies;
    }

    /**
     * {@code GET /api/v1/mash/{partnershipId}/escalations}: the partnership's escalation records for its MASH
     * staff, newest first, filtered by {@code status} and {@code kind}; at most {@code limit} (1-500). Under the
     * MASH's address, served here so that the MASH package does not depend on escalation.
     */
    @GetMapping("/api/v1/mash/{partnershipId}/escalations")
    @PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead') and @partnerships.allows(principal, #partnershipId)")
    List<Escalation> ofPartnership(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                   @PathVariable String partnershipId,
                                   @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                                   @RequestParam(defaultValue = "100") int limit) {
        // A filter that names no kind or status would answer an empty list, as if there were none (an outside tester).
        if (status != null) {
            Codes.require(Escalation.Status.class, status, "status");
        }
        if (kind != null) {
            Codes.require(Escalation.Kind.class, kind, "kind");
        }
        return disagreements.list(Callers.actor(user, request), partnershipId, status, kind, Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping(path = "/api/v1/escalations/disagreements", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('partner-system')")
    ResponseEntity<DisagreementRaised> raise(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                             @RequestBody String body) {
        JsonBody<Disagreement> raised = bodies.read(body, Disagreement.class);
        UUID id = disagreements.raise(Callers.actor(user, request), raised.value().contactId(), raised.value().summary(),
                raised.raw());
        return ResponseEntity.status(HttpStatus.CREATED).body(new DisagreementRaised(id));
    }

    @GetMapping("/api/v1/escalations/{id}")
    @PreAuthorize("hasAnyRole('partner-system', 'mash-practitioner', 'mash-lead')")
    Escalation get(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id) {
        requireInvolved(user, id);
        return disagreements.view(Callers.actor(user, request), id);
    }

    @PostMapping(path = "/api/v1/escalations/{id}/escalate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('partner-system', 'mash-practitioner', 'mash-lead')")
    Escalation escalate(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id,
                        @RequestBody String body) {
        requireInvolved(user, id);
        JsonBody<Escalate> escalate = bodies.read(body, Escalate.class);
        return disagreements.escalate(Callers.actor(user, request), id, escalate.value().note(), escalate.raw());
    }

    @PostMapping(path = "/api/v1/escalations/{id}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('mash-lead')")
    Escalation resolve(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id,
                       @RequestBody String body) {
        requireInvolved(user, id);
        JsonBody<Resolution> resolution = bodies.read(body, Resolution.class);
        return disagreements.resolve(Callers.actor(user, request), id, resolution.value().outcome(),
                resolution.value().note(), resolution.raw());
    }

    /** Partner systems: only escalations their agency raised or is addressed; staff: their partnerships. */
    private void requireInvolved(HubUser user, UUID id) {
        Escalation e = Escalations.require(escalations.find(id, false), id);
        boolean allowed = user.isPartnerSystem()
                ? user.agencyId().equals(e.raisedByAgencyId()) || user.agencyId().equals(e.addressedToAgencyId())
                : user.canSeePartnership(e.partnershipId());
        if (!allowed) {
            throw HubProblem.notFound("no escalation " + id);
        }
    }
}
