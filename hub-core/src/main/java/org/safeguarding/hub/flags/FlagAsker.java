package org.safeguarding.hub.flags;

/**
 * Who asks for flags, as the audit trail records them: the agency of the calling system (from the
 * partner registry, never the request), the system's name (the token's client, or a person's name),
 * the role it acts in (only {@code partner-system} may ask), the practitioner the system names in the
 * request (null when it names none or names one in a form the hub refuses) and the client address.
 */
public record FlagAsker(String agencyId, String system, String role, String practitioner, String clientAddress) {

    /** The audit trail's actor: the system, and the practitioner when named ("trust-feed/practitioner 123"). */
    public String actor() {
        return practitioner == null ? system : system + "/practitioner " + practitioner;
    }
}
