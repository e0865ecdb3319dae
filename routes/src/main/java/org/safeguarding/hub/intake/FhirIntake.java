package org.safeguarding.hub.intake;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.safeguarding.hub.fhir.OperationOutcomes;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The health feed on the FHIR server, behind {@link FhirTransactions} ({@code POST [base]}) and
 * {@link FhirBundles} ({@code POST [base]/Bundle/$validate}): the body as sent goes through
 * {@link IntakeService} (agreement, strict parse, per-record outcomes), and the receipt is answered
 * the FHIR way. {@code ?dryRun=true} (and {@code $validate}) stores nothing ({@link IntakeService#rehearse}).
 * The mapping and the answer are in docs/feeds/health-fhir-mapping.md.
 */
@Component
class FhirIntake {

    /** The hub's receipt ids, as {@code Bundle.identifier} of a transaction-response. */
    static final String RECEIPT_SYSTEM = "urn:safeguarding-hub:receipt";
    /** Tags of an answer: {@code dry-run} (nothing stored) and {@code resent} (the original receipt of a message sent before). */
    static final String ANSWER_TAGS = "https://safeguarding-hub.org.uk/fhir/CodeSystem/intake-answer";

    /** For walking parsed resources ({@link FhirEntries}); any R4 context's terser does. */
    static final FhirContext FHIR = FhirContext.forR4Cached();

    private final IntakeService intake;
    private final RequestBodies bodies;
    private final FhirContext fhir;

    FhirIntake(IntakeService intake, RequestBodies bodies, FhirContext fhir) {
        this.intake = intake;
        this.bodies = bodies;
        this.fhir = fhir;
    }

    /** {@code POST [base]}: a transaction or batch Bundle, answered entry by entry. */
    Bundle transaction(Bundle bundle, RequestDetails request) {
        Bundle.BundleType type = bundle.getType();
        if (type != Bundle.BundleType.TRANSACTION && type != Bundle.BundleType.BATCH) {
            throw HubProblem.badRequest("Bundle.type must be transaction or batch at POST [base]; a collection goes to "
                    + "POST [base]/Bundle. Nothing was stored.", "Bundle.type");
        }
        boolean dryRun = dryRun(request);
        Receipt receipt = receive(bodies.bounded(request.loadRequestContents()), request, dryRun);
        return TransactionResponses.of(bundle, receipt, dryRun);
    }

    /**
     * {@code $validate}: the hub's rules applied as to a dry run; one issue per rejected record
     * (error) or warning, and an information issue with the counts. The Bundle may come as the body
     * or as the {@code resource} of a Parameters body (what FHIR clients send).
     */
    OperationOutcome validate(Bundle bundle, RequestDetails request) {
        byte[] body = bodies.bounded(request.loadRequestContents());
        if (sentAs(body, request) instanceof Parameters) {
            // The strict parse reads the Bundle as HAPI read it out of the Parameters.
            body = (xml(request) ? fhir.newXmlParser() : fhir.newJsonParser()).encodeResourceToString(bundle)
                    .getBytes(StandardCharsets.UTF_8);
        }
        return TransactionResponses.validation(bundle, receive(body, request, true));
    }

    private Receipt receive(byte[] body, RequestDetails request, boolean dryRun) {
        HubUser user = Callers.current();
        String contentType = request.getHeader("Content-Type");
        return dryRun ? intake.rehearse(user.agencyId(), user.name(), Feed.HEALTH, null, contentType, body)
                : intake.submit(user.agencyId(), user.name(), Feed.HEALTH, null, contentType, body);
    }

    private IBaseResource sentAs(byte[] body, RequestDetails request) {
        String text = new String(body, StandardCharsets.UTF_8);
        // Tolerant of a value not of its datatype, as the FHIR server's own parse: the strict parse judges it per entry.
        return (xml(request) ? fhir.newXmlParser() : fhir.newJsonParser()).setParserErrorHandler(FhirEntries.TOLERATED)
                .parseResource(text);
    }

    private static boolean xml(RequestDetails request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).contains("xml");
    }

    /** {@code dryRun}, read by the one parser every intake endpoint uses ({@link DryRunFlag}). */
    private static boolean dryRun(RequestDetails request) {
        return DryRunFlag.of(request.getParameters().get("dryRun"));
    }

    /** Patient entries describe children; every other entry with a resource is one record, counted from 0. */
    static boolean isRecord(Bundle.BundleEntryComponent entry) {
        return entry.getResource() != null && !(entry.getResource() instanceof Patient);
    }

    static OperationOutcome issues(List<OperationOutcome.OperationOutcomeIssueComponent> issues) {
        OperationOutcome outcome = new OperationOutcome();
        issues.forEach(outcome::addIssue);
        return outcome;
    }

    static OperationOutcome.OperationOutcomeIssueComponent issue(OperationOutcome.IssueSeverity severity,
                                                                 String diagnostics, String... fields) {
        return OperationOutcomes.of(severity, severity == OperationOutcome.IssueSeverity.ERROR
                ? OperationOutcome.IssueType.INVALID : OperationOutcome.IssueType.INFORMATIONAL, diagnostics,
                List.of(fields)).getIssueFirstRep();
    }
}
