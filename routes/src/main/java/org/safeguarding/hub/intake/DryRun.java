package org.safeguarding.hub.intake;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.UUID;

/**
 * The answer to a dry run ({@code ?dryRun=true}): what the hub would answer the message now, with
 * nothing stored. {@code wouldBe} is {@code stored} for a new message (each record's outcome as its
 * receipt would give it) or {@code resent} for a message the hub already holds (the original receipt's
 * outcomes, and its id in {@code originalReceiptId}). Counts as in {@link Receipt}. An accepted record
 * carries no {@code recordId}, since no row was kept; a duplicate names the stored row it repeats.
 */
@Schema(description = "What the hub would answer the message now; nothing was stored.")
public record DryRun(boolean dryRun, String agency, String feed, String partnerMessageId,
                     @Schema(allowableValues = {"stored", "resent"}) String wouldBe, UUID originalReceiptId,
                     int records, int accepted, int duplicates, int rejected, List<RecordOutcome> outcomes) {

    static DryRun of(Receipt receipt) {
        if (receipt.resent()) {
            return new DryRun(true, receipt.agency(), receipt.feed(), receipt.partnerMessageId(), "resent",
                    receipt.receiptId(), receipt.records(), receipt.accepted(), receipt.duplicates(), receipt.rejected(),
                    receipt.outcomes());
        }
        List<RecordOutcome> outcomes = receipt.outcomes().stream().map(o -> o.outcome().equals(RecordOutcome.ACCEPTED)
                ? new RecordOutcome(o.position(), o.outcome(), o.recordType(), null, o.field(), o.reason(), o.value(),
                o.warnings()) : o).toList();
        return new DryRun(true, receipt.agency(), receipt.feed(), receipt.partnerMessageId(), "stored", null,
                receipt.records(), receipt.accepted(), receipt.duplicates(), receipt.rejected(), outcomes);
    }
}
