package org.safeguarding.hub.audit;

/**
 * One line of the audit trail: who (actor, agency, role) did what (action) to which record
 * (entity type and id), why (purpose), and from where (client address).
 */
public record AuditEntry(String actor, String agencyId, String role, String purpose, String action,
                         String entityType, String entityId, String clientAddress) {
}
