package org.safeguarding.hub.intake;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.web.HubProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/**
 * Where every inbound message enters: the information-sharing agreement is checked (the one place
 * it is), a re-sent message gets its original receipt, and a new one goes down the intake route.
 */
@Service
public class IntakeService {

    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);

    private final AgreementGate agreements;
    private final Receipts receipts;
    private final ProducerTemplate camel;
    private final IntakePipeline pipeline;
    private final AuditTrail audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IntakeService(AgreementGate agreements, Receipts receipts, ProducerTemplate camel, AuditTrail audit,
                  TransactionTemplate transactions, Clock clock, IntakePipeline pipeline) {
        this.agreements = agreements;
        this.receipts = receipts;
        this.camel = camel;
        this.pipeline = pipeline;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * @param agencyId from the authenticated principal (or the configured folder or pull source)
     * @param actor    who submitted, for the log and audit trail
     */
    public Receipt submit(String agencyId, String actor, Feed feed, String partnerMessageId, String contentType,
                          byte[] body) {
        requireAgreement(agencyId, actor, feed);
        Submission submission = new Submission(agencyId, feed, partnerMessageId, contentType, body, clock.instant());
        var original = receipts.original(agencyId, feed.code(), partnerMessageId, submission.contentHash());
        if (original.isPresent()) {
            return original.get();
        }
        try {
            return camel.requestBody(IntakeRoutes.INTAKE, submission, Receipt.class);
        } catch (CamelExecutionException e) {
            if (e.getCause() instanceof MalformedMessage malformed) {
                // Nothing of the message is stored; the audit trail keeps that it came (the feeds page counts it).
                transactions.executeWithoutResult(s -> audit.append(new AuditEntry(actor, agencyId, "partner-system",
                        "intake", "intake-refused-malformed", "feed", feed.code(), null)));
                throw refused(malformed);
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * The validate-only path of every intake endpoint ({@code ?dryRun=true}): the per-record outcomes
     * {@link #submit} would give this message now, with nothing stored ({@link #rehearse}).
     */
    public DryRun dryRun(String agencyId, String actor, Feed feed, String partnerMessageId, String contentType,
                         byte[] body) {
        return DryRun.of(rehearse(agencyId, actor, feed, partnerMessageId, contentType, body));
    }

    /**
     * The receipt {@link #submit} would give this message now, with nothing stored: no inbound message,
     * receipt, record outcome, quarantine entry or canonical row ({@link IntakePipeline#rehearse}). The same
     * agreement check, adapters, rules and 4xx problems as a real submission; a message already stored
     * answers as re-sent. The audit trail notes each dry run (action {@code intake-dry-run}, the feed).
     * The FHIR server answers it its own way ({@code FhirIntake}); the other feeds as a {@link DryRun}.
     *
     * @throws HubProblem 403 without an information-sharing agreement; 400 or 413 for a malformed message
     */
    Receipt rehearse(String agencyId, String actor, Feed feed, String partnerMessageId, String contentType,
                     byte[] body) {
        requireAgreement(agencyId, actor, feed);
        Submission submission = new Submission(agencyId, feed, partnerMessageId, contentType, body, clock.instant());
        try {
            var original = receipts.original(agencyId, feed.code(), partnerMessageId, submission.contentHash());
            if (original.isPresent()) {
                return original.get().asResent();
            }
            return pipeline.rehearse(pipeline.parse(submission));
        } catch (MalformedMessage malformed) {
            throw refused(malformed);
        } finally {
            log.info("Dry run of a {} message from {} (agency {}); nothing stored", feed.code(), actor, agencyId);
            transactions.executeWithoutResult(s -> audit.append(new AuditEntry(actor, agencyId, "partner-system",
                    "intake", "intake-dry-run", "feed", feed.code(), null)));
        }
    }

    private void requireAgreement(String agencyId, String actor, Feed feed) {
        try {
            agreements.require(agencyId, feed, LocalDate.now(clock.withZone(ParseContext.LONDON)));
        } catch (AgreementGate.NoAgreement refused) {
            log.warn("Refused {} message from {} (agency {}): {}", feed.code(), actor, agencyId, refused.getMessage());
            transactions.executeWithoutResult(s -> audit.append(new AuditEntry(actor, agencyId, "partner-system",
                    "intake", "intake-refused-no-agreement", "feed", feed.code(), null)));
            throw new HubProblem(HttpStatus.FORBIDDEN, "No information-sharing agreement", refused.getMessage());
        }
    }

    /** A message refused as a whole: 400 (413 when too large) naming where, and saying nothing was stored. */
    private static HubProblem refused(MalformedMessage malformed) {
        return new HubProblem(malformed.tooLarge() ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                "Message refused", malformed.getMessage() + " Nothing was stored.",
                List.of(new HubProblem.Violation(malformed.where(), malformed.getMessage())));
    }
}
