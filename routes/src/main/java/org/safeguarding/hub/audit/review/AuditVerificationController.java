package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditChainReport;
import org.safeguarding.hub.audit.AuditChainVerifier;
import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Optional;

/**
 * {@code GET /api/v1/audit/verification[?anchor=<seq>:<hash>]}: walks the audit chain now and says
 * whether it is intact (with its head, to write down as a later anchor) or where it first breaks.
 */
@RestController
@PreAuthorize("hasRole('auditor')")
class AuditVerificationController {

    /** The answer: intact or not, one readable line, and the head or the broken entry. */
    record Verification(boolean intact, String summary, Long headSequence, String headHash, Long brokenSequence,
                        String problem) {
        static Verification of(AuditChainReport report) {
            if (report instanceof AuditChainReport.Broken b) {
                return new Verification(false, b.describe(), null, null, b.seq(), b.problem());
            }
            AuditChainReport.Intact i = (AuditChainReport.Intact) report;
            return new Verification(true, i.describe(), i.headSeq(), i.headHash(), null, null);
        }
    }

    private final AuditReview review;

    AuditVerificationController(AuditReview review) {
        this.review = review;
    }

    @GetMapping(path = "/api/v1/audit/verification", produces = MediaType.APPLICATION_JSON_VALUE)
    Verification verify(@AuthenticationPrincipal HubUser auditor, @RequestParam Optional<String> anchor,
                        HttpServletRequest request) {
        Optional<AuditChainVerifier.Anchor> parsed;
        try {
            parsed = anchor.map(AuditChainVerifier.Anchor::parse);
        } catch (IllegalArgumentException e) {
            throw HubProblem.badRequest("anchor must be <sequence number>:<hash>, as an intact verification prints it.",
                    "anchor");
        }
        return Verification.of(review.verify(auditor, parsed, request.getRemoteAddr()));
    }
}
