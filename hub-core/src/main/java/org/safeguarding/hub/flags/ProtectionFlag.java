package org.safeguarding.hub.flags;

import org.safeguarding.hub.partner.Agency;

import java.time.LocalDate;
import java.util.UUID;

/**
 * One current child protection plan or period in care, as much of it as a clinician is shown: its
 * kind, its start date and the owning council (with its contact). {@code id} is the hub's row,
 * {@code childId}, {@code partnershipId} and {@code councilRecordId} (the council's own record id)
 * stay inside the hub or go back to the council only.
 */
public record ProtectionFlag(UUID id, FlagKind kind, LocalDate startedOn, Agency council, String partnershipId,
                             UUID childId, String councilRecordId) {
}
