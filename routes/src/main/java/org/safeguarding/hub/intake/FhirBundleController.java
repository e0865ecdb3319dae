package org.safeguarding.hub.intake;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.security.HubUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * The hub's FHIR endpoint for health partners: POST a transaction or collection Bundle to
 * /fhir/Bundle. The answer is the hub's receipt (docs/feeds/health-fhir-mapping.md explains why not
 * a transaction-response Bundle).
 */
@RestController
@PreAuthorize("hasRole('partner-system')")
class FhirBundleController {

    private final IntakeController intake;

    FhirBundleController(IntakeController intake) {
        this.intake = intake;
    }

    @PostMapping(path = "/fhir/Bundle", produces = {MediaType.APPLICATION_JSON_VALUE, "application/fhir+json"})
    ResponseEntity<Receipt> bundle(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                   @RequestHeader(name = "X-Message-Id", required = false) String messageId) throws IOException {
        return intake.submit(user, Feed.HEALTH, request, messageId, IntakeController.FHIR);
    }
}
