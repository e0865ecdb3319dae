package org.safeguarding.hub.intake;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;

import java.util.ArrayList;
import java.util.List;

import static org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.ERROR;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.INFORMATION;
import static org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity.WARNING;

/**
 * A receipt as FHIR: the transaction-response (or batch-response) Bundle of {@code POST [base]},
 * entry by entry, and the OperationOutcome of {@code $validate}. Records are the non-Patient
 * entries in Bundle order (the receipt's positions, docs/feeds/health-fhir-mapping.md):
 * <ul>
 *   <li>accepted: {@code 201 Created} (an outcome with warnings when the hub did not use something);</li>
 *   <li>duplicate: {@code 200 OK} with an information issue;</li>
 *   <li>rejected: {@code 422 Unprocessable Entity} with an error issue naming the FHIR element
 *       ({@code expression}), the rule and the value sent (the answer goes to the sender only);</li>
 *   <li>a Patient entry: {@code 200 OK} (read as the subject of the records, not stored as a resource);</li>
 *   <li>an entry without a resource: {@code 400 Bad Request} (the hub takes resources only; ignored);</li>
 *   <li>an entry whose {@code request.method} is not POST or PUT: {@code 405 Method Not Allowed} (a record's is
 *       rejected in the receipt too); a Patient with a value not of its datatype: {@code 400 Bad Request} naming the
 *       element, not the value (its records are rejected, 422).</li>
 * </ul>
 * The receipt id is {@code Bundle.identifier} (system {@value FhirIntake#RECEIPT_SYSTEM}) and the
 * {@code receipt} link; a dry run has neither and is tagged {@code dry-run}, a re-sent message {@code resent}.
 */
final class TransactionResponses {

    private TransactionResponses() {
    }

    static Bundle of(Bundle request, Receipt receipt, boolean dryRun) {
        Bundle response = new Bundle().setType(request.getType() == Bundle.BundleType.BATCH
                ? Bundle.BundleType.BATCHRESPONSE : Bundle.BundleType.TRANSACTIONRESPONSE);
        if (dryRun) {
            response.getMeta().addTag(new Coding(FhirIntake.ANSWER_TAGS, "dry-run", "Dry run: nothing was stored"));
        } else {
            response.setIdentifier(new Identifier().setSystem(FhirIntake.RECEIPT_SYSTEM)
                    .setValue(receipt.receiptId().toString()));
            response.addLink().setRelation("receipt").setUrl("/api/v1/intake/receipts/" + receipt.receiptId());
        }
        if (receipt.resent()) {
            response.getMeta().addTag(new Coding(FhirIntake.ANSWER_TAGS, "resent",
                    "Sent before: the original receipt, nothing stored again"));
        }
        int position = 0;
        for (Bundle.BundleEntryComponent entry : request.getEntry()) {
            Bundle.BundleEntryResponseComponent answer = response.addEntry().getResponse();
            List<OperationOutcome.OperationOutcomeIssueComponent> refused = refused(entry);
            if (!refused.isEmpty()) {
                // A record's entry still has its place in the receipt (rejected there, in quarantine).
                position += FhirIntake.isRecord(entry) ? 1 : 0;
                answer.setStatus(FhirEntries.takes(entry) ? "400 Bad Request" : "405 Method Not Allowed")
                        .setOutcome(FhirIntake.issues(refused));
            } else if (entry.getResource() == null) {
                answer.setStatus("400 Bad Request").setOutcome(FhirIntake.issues(List.of(FhirIntake.issue(ERROR,
                        "The hub takes resources only; this entry has none and was ignored.", "Bundle.entry.resource"))));
            } else if (!FhirIntake.isRecord(entry)) {
                answer.setStatus("200 OK");
            } else if (position < receipt.outcomes().size()) {
                answer(receipt.outcomes().get(position++), answer);
            }
        }
        return response;
    }

    /**
     * What the hub refuses in {@code entry} before its rules: a request method other than POST or PUT, or
     * (for a Patient, which is no record of its own) values not of their datatype, named without the value.
     */
    private static List<OperationOutcome.OperationOutcomeIssueComponent> refused(Bundle.BundleEntryComponent entry) {
        if (!FhirEntries.takes(entry)) {
            return List.of(FhirIntake.issue(ERROR, FhirEntries.refusedMethod(entry) + ".", "Bundle.entry.request.method"));
        }
        if (entry.getResource() instanceof Patient patient) {
            return FhirEntries.in(FhirIntake.FHIR, patient, "Patient").stream().map(bad -> FhirIntake.issue(ERROR,
                    bad.element() + " is not a valid FHIR " + bad.datatype() + " (the value is not repeated here); "
                            + "the records about this Patient are rejected.", bad.element())).toList();
        }
        return List.of();
    }

    private static void answer(RecordOutcome outcome, Bundle.BundleEntryResponseComponent answer) {
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>(warnings(outcome));
        switch (outcome.outcome()) {
            case RecordOutcome.ACCEPTED -> answer.setStatus("201 Created");
            case RecordOutcome.DUPLICATE -> {
                answer.setStatus("200 OK");
                issues.add(FhirIntake.issue(INFORMATION, "The hub holds this record already, identical; nothing changed."));
            }
            default -> {
                answer.setStatus("422 Unprocessable Entity");
                issues.add(rejection(outcome));
            }
        }
        if (!issues.isEmpty()) {
            answer.setOutcome(FhirIntake.issues(issues));
        }
    }

    /** {@code $validate}: an error issue per rejected record, a warning per warning, and the counts. */
    static OperationOutcome validation(Bundle request, Receipt receipt) {
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
        request.getEntry().stream().filter(e -> e.getResource() instanceof Patient).forEach(e -> issues.addAll(refused(e)));
        for (RecordOutcome outcome : receipt.outcomes()) {
            issues.addAll(warnings(outcome));
            if (RecordOutcome.REJECTED.equals(outcome.outcome())) {
                issues.add(rejection(outcome));
            }
        }
        issues.add(FhirIntake.issue(INFORMATION, "Checked against the hub's rules; nothing was stored. "
                + receipt.records() + " record(s): " + receipt.accepted() + " would be accepted, " + receipt.duplicates()
                + " already held, " + receipt.rejected() + " rejected."
                + (receipt.resent() ? " This message was stored before (receipt " + receipt.receiptId() + ")." : "")));
        return FhirIntake.issues(issues);
    }

    private static OperationOutcome.OperationOutcomeIssueComponent rejection(RecordOutcome outcome) {
        return FhirIntake.issue(ERROR, "Record " + outcome.position() + ": " + outcome.field() + " " + outcome.reason()
                + (outcome.value() == null ? "" : " (sent: '" + outcome.value() + "')"), outcome.field());
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> warnings(RecordOutcome outcome) {
        return outcome.warnings().stream().map(w -> FhirIntake.issue(WARNING, "Record " + outcome.position() + ": "
                + w.field() + " " + w.reason(), w.field())).toList();
    }
}
