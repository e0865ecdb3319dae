package org.safeguarding.hub.flags;

/**
 * Who asks for flags, as the audit trail records them: the agency of the calling system (from the
 * partner registry, never the request), the system's name (the token's client), the practitioner
 * the system names in the request (null when it names none) and the client address.
 */
public record FlagAsker(String agencyId, String system, String practitioner, String clientAddress) {

    /** The audit trail's actor: the system, and the practitioner when named ("trust-feed/practitioner 123"). */
    public String actor() {
        return practitioner == null ? system : system + "/practitioner " + practitioner;
    }
}
