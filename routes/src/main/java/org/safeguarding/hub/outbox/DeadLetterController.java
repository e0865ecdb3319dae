package org.safeguarding.hub.outbox;

import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.UUID;

/** Operators list the messages no agency accepted and replay them once the receiver is fixed. */
@RestController
@RequestMapping(path = "/api/v1/admin/outbox", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasRole('hub-admin')")
class DeadLetterController {

    private final OutboxDeliveries deliveries;

    DeadLetterController(OutboxDeliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping("/dead")
    List<PendingMessage> dead(@RequestParam(defaultValue = "100") int limit) {
        return deliveries.dead(Math.max(1, Math.min(limit, 500)));
    }

    @PostMapping("/{id}/replay")
    ResponseEntity<Void> replay(@PathVariable UUID id) {
        if (!deliveries.replay(id)) {
            throw HubProblem.notFound("no dead letter " + id);
        }
        return ResponseEntity.accepted().build();
    }
}
