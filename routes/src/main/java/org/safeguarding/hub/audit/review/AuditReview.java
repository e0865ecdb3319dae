package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditChainReport;
import org.safeguarding.hub.audit.AuditChainVerifier;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditRecord;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.audit.AuditTrailReader;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.security.Role;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;

/**
 * What an auditor does with the trail: search it and verify its chain. Each look is itself
 * written to the trail, in the same transaction, so reviewing who saw what is also on the record.
 */
@Service
class AuditReview {

    static final String PURPOSE = "Audit trail review";

    private final AuditTrailReader reader;
    private final AuditChainVerifier verifier;
    private final AuditTrail trail;

    AuditReview(AuditTrailReader reader, AuditChainVerifier verifier, AuditTrail trail) {
        this.reader = reader;
        this.verifier = verifier;
        this.trail = trail;
    }

    @Transactional
    AuditTrailReader.Page search(HubUser auditor, AuditTrailReader.Search search, String clientAddress) {
        AuditTrailReader.Page page = reader.search(search);
        trail.append(entry(auditor, "search", null, clientAddress));
        return page;
    }

    @Transactional
    Optional<AuditRecord> read(HubUser auditor, long seq, String clientAddress) {
        Optional<AuditRecord> record = reader.after(seq - 1, 1).stream().filter(r -> r.seq() == seq).findFirst();
        trail.append(entry(auditor, "read", Long.toString(seq), clientAddress));
        return record;
    }

    @Transactional
    AuditChainReport verify(HubUser auditor, Optional<AuditChainVerifier.Anchor> anchor, String clientAddress) {
        AuditChainReport report = verifier.verify(anchor);
        trail.append(entry(auditor, "verify", null, clientAddress));
        return report;
    }

    private static AuditEntry entry(HubUser auditor, String action, String entityId, String clientAddress) {
        return new AuditEntry(auditor.name(), auditor.agencyId(), Role.AUDITOR.roleName(), PURPOSE, action,
                "AuditEvent", entityId, clientAddress);
    }
}
