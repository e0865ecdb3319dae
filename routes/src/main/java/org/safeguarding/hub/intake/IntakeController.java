package org.safeguarding.hub.intake;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.partner.Feed;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Partner systems push their feeds here and read their receipts back. The agency is always the
 * authenticated system's (HubUser), never anything in the payload. A new message answers 201 with its
 * receipt; a re-sent one (same X-Message-Id or same content) answers 200 with the original receipt.
 */
@RestController
// Receipts are JSON: an Accept the hub cannot answer is refused (406) before anything is stored.
@RequestMapping(path = "/api/v1/intake", produces = {MediaType.APPLICATION_JSON_VALUE, "application/fhir+json"})
@PreAuthorize("hasRole('partner-system')")
class IntakeController {

    static final List<String> JSON = List.of("application/json");
    static final List<String> CSV = List.of("text/csv", "application/csv");
    static final List<String> FHIR = List.of("application/fhir+json", "application/json", "application/fhir+xml",
            "application/xml", "text/xml");

    private final IntakeService intake;
    private final Receipts receipts;
    private final RequestBodies bodies;

    IntakeController(IntakeService intake, Receipts receipts, RequestBodies bodies) {
        this.intake = intake;
        this.receipts = receipts;
        this.bodies = bodies;
    }

    /** POST /api/v1/intake/{feed}: police, social-care and marf take JSON, education CSV, health FHIR. */
    @PostMapping("/{feed:police|health|education|social-care|marf}")
    ResponseEntity<Receipt> submit(@AuthenticationPrincipal HubUser user, @PathVariable String feed,
                                   HttpServletRequest request,
                                   @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        Feed which = Feed.fromCode(feed).orElseThrow();
        List<String> types = switch (which) {
            case EDUCATION -> CSV;
            case HEALTH -> FHIR;
            default -> JSON;
        };
        return submit(user, which, request, messageId, types);
    }

    @GetMapping("/receipts/{receiptId}")
    Receipt receipt(@AuthenticationPrincipal HubUser user, @PathVariable UUID receiptId) {
        return receipts.byReceiptId(receiptId, user.agencyId())
                .orElseThrow(() -> HubProblem.notFound("Your agency has no receipt " + receiptId + "."));
    }

    ResponseEntity<Receipt> submit(HubUser user, Feed feed, HttpServletRequest request, String messageId,
                                   List<String> types) throws IOException {
        if (messageId != null && (messageId.isBlank() || messageId.length() > 200)) {
            throw HubProblem.badRequest("X-Message-Id must be 1 to 200 characters.", "X-Message-Id");
        }
        byte[] body = bodies.read(request, types);
        Receipt receipt = intake.submit(user.agencyId(), user.name(), feed, messageId, request.getContentType(), body);
        return ResponseEntity.status(receipt.resent() ? HttpStatus.OK : HttpStatus.CREATED)
                .location(URI.create("/api/v1/intake/receipts/" + receipt.receiptId())).body(receipt);
    }
}
