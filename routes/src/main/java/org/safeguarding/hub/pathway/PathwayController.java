package org.safeguarding.hub.pathway;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubUser;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code GET /api/v1/mash/{partnership}/pathway/unlinked}: the steps of children's pathways that
 * should follow another and do not, for MASH practitioners and leads of that partnership only
 * (method security: the role, then {@code @partnerships}).
 */
@RestController
@RequestMapping(path = "/api/v1/mash/{partnershipId}/pathway", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead') and @partnerships.allows(principal, #partnershipId)")
class PathwayController {

    private static final int MAX_LIMIT = 5000;

    private final UnlinkedSteps unlinked;

    PathwayController(UnlinkedSteps unlinked) {
        this.unlinked = unlinked;
    }

    @GetMapping("/unlinked")
    List<UnlinkedSteps.UnlinkedStep> unlinked(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                              @PathVariable String partnershipId,
                                              @RequestParam(defaultValue = "500") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw org.safeguarding.hub.action.MashRefusal.invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        return unlinked.list(Callers.actor(user, request), partnershipId, limit);
    }
}
