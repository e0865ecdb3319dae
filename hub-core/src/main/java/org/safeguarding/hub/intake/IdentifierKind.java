package org.safeguarding.hub.intake;

/** Child identifiers, in the order identity resolution trusts them (the codes of identifier_kind). */
public enum IdentifierKind {
    NHS_NUMBER("nhs-number"), UPN("upn"), POLICE_PERSON_REF("police-person-ref"), LA_CHILD_ID("la-child-id");

    private final String code;

    IdentifierKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
