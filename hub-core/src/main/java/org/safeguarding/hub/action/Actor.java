package org.safeguarding.hub.action;

import org.safeguarding.hub.audit.AuditEntry;

/**
 * Who is acting, as the audit trail and the provenance columns need it: a person or partner system
 * (name), the agency it acts for, the role it acts in, and where the request came from.
 */
public record Actor(String name, String agencyId, String role, String clientAddress) {

    /** An audit entry for {@code action} on one record, for the MASH purpose. */
    public AuditEntry audit(String action, String entityType, Object entityId) {
        return new AuditEntry(name, agencyId, role, "mash-screening", action, entityType,
                entityId == null ? null : entityId.toString(), clientAddress);
    }
}
