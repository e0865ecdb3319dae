package org.safeguarding.hub.outbox;

import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/**
 * Notices for agencies with no endpoint of their own: a partner system lists those waiting for its
 * agency (never another's) and acknowledges each one it has stored.
 */
@RestController
@RequestMapping(path = "/api/v1/notices", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('partner-system')")
class NoticesController {

    private final OutboxDeliveries deliveries;

    NoticesController(OutboxDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    List<PendingMessage> waiting(@AuthenticationPrincipal HubUser user, @RequestParam(defaultValue = "100") int limit) {
        return deliveries.waitingFor(user.agencyId(), Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping("/{id}/acknowledgement")
    ResponseEntity<Void> acknowledge(@AuthenticationPrincipal HubUser user, @PathVariable UUID id) {
        if (!deliveries.acknowledge(user.agencyId(), id)) {
            throw HubProblem.notFound("no notice " + id + " waiting for your agency");
        }
        return ResponseEntity.noContent().build();
    }
}
