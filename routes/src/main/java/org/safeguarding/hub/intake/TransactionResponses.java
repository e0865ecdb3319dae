package org.safeguarding.hub.intake;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;

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
 *   <li>an entry without a resource: {@code 400 Bad Request} (the hub takes resources only; ignored).</li>
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
            if (entry.getResource() == null) {
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
    static OperationOutcome validation(Receipt receipt) {
        List<OperationOutcome.OperationOutcomeIssueComponent> issues = new ArrayList<>();
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
