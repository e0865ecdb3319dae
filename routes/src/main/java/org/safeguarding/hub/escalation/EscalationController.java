package org.safeguarding.hub.escalation;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.mash.Callers;
import org.safeguarding.hub.mash.JsonRequest;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
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
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.UUID;

/**
 * Escalation records. A partner system raises a professional disagreement about its own referral
 * and may take it to the next stage; MASH staff of the partnership see and escalate; only a MASH
 * lead resolves.
 */
@RestController
@RequestMapping(path = "/api/v1/escalations", produces = MediaType.APPLICATION_JSON_VALUE)
class EscalationController {

    private final Disagreements disagreements;
    private final Escalations escalations;

    EscalationController(Disagreements disagreements, Escalations escalations) {
        this.disagreements = disagreements;
        this.escalations = escalations;
    }

    @PostMapping(path = "/disagreements", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('partner-system')")
    ResponseEntity<Map<String, UUID>> raise(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                            @RequestBody String body) {
        JsonRequest json = JsonRequest.of(body);
        UUID contactId = json.uuid("contactId");
        if (contactId == null) {
            throw HubProblem.badRequest("is required", "contactId");
        }
        UUID id = disagreements.raise(Callers.actor(user, request), contactId, json.requiredText("summary"), json.raw());
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("escalationId", id));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyRole('partner-system', 'mash-practitioner', 'mash-lead')")
    Escalation get(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id) {
        requireInvolved(user, id);
        return disagreements.view(Callers.actor(user, request), id);
    }

    @PostMapping(path = "/{id}/escalate", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('partner-system', 'mash-practitioner', 'mash-lead')")
    Escalation escalate(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id,
                        @RequestBody String body) {
        requireInvolved(user, id);
        JsonRequest json = JsonRequest.of(body);
        return disagreements.escalate(Callers.actor(user, request), id, json.text("note"), json.raw());
    }

    @PostMapping(path = "/{id}/resolution", consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('mash-lead')")
    Escalation resolve(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id,
                       @RequestBody String body) {
        requireInvolved(user, id);
        JsonRequest json = JsonRequest.of(body);
        return disagreements.resolve(Callers.actor(user, request), id, json.requiredText("outcome"), json.text("note"),
                json.raw());
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
