package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Postcodes;
import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.validation.Upn;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The child block every feed carries, checked the same way whatever the format: identifiers with
 * their check digits, a date of birth in range, a UK postcode (needed for partnership routing), and
 * enough to identify the child (an identifier, or family name and date of birth).
 */
public final class ChildFields {

    /** child_identifier.value holds at most 64 characters. */
    static final int MAX_IDENTIFIER = 64;
    private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");

    private ChildFields() {
    }

    /** The raw values as the partner sent them. */
    public record Raw(String givenName, String familyName, String dateOfBirth, String sex, String postcode,
                      String ethnicity, String nhsNumber, String upn, String policePersonRef, String laChildId) {
    }

    /**
     * What a format calls the child's fields, so that a rejection names the field as the partner wrote
     * it (issue 12 item 11): JSON pointers ({@link #json}), the schools CSV's columns ({@link #CSV}),
     * FHIR element paths ({@link #FHIR}). {@link #of} answers for the hub's names ({@code child.postcode}).
     */
    public record Names(String givenName, String familyName, String dateOfBirth, String sex, String postcode,
                        String ethnicity, String nhsNumber, String upn, String policePersonRef, String laChildId) {

        /** docs/feeds/education.csv.md; the file has no NHS number: a child is identified by its UPN. */
        public static final Names CSV = new Names("given_name", "family_name", "date_of_birth", "sex", "postcode",
                "ethnicity", "upn", "upn", "police_person_ref", "la_child_id");
        /** docs/feeds/health-fhir-mapping.md: the Patient the record's subject references. */
        public static final Names FHIR = new Names("Patient.name.given", "Patient.name.family", "Patient.birthDate",
                "Patient.gender", "Patient.address.postalCode", "Patient.extension",
                "Patient.identifier.where(system='https://fhir.nhs.uk/Id/nhs-number').value",
                "Patient.identifier", "Patient.identifier", "Patient.identifier");

        /** The child block of a JSON record at {@code pointer} (e.g. {@code /records/2/child}). */
        public static Names json(String pointer) {
            return new Names(pointer + "/givenName", pointer + "/familyName", pointer + "/dateOfBirth", pointer + "/sex",
                    pointer + "/postcode", pointer + "/ethnicity", pointer + "/nhsNumber", pointer + "/upn",
                    pointer + "/policePersonRef", pointer + "/laChildId");
        }

        /** The partner's names for the hub's fields: the child's from here, any other from {@code others}. */
        public PartnerFields or(PartnerFields others) {
            return hubField -> {
                String name = of(hubField);
                return name != null ? name : others.name(hubField);
            };
        }

        /** The partner's name for the hub's {@code child.<name>}; null for any other field. */
        public String of(String hubField) {
            return switch (hubField) {
                case "child.givenName" -> givenName;
                case "child.familyName" -> familyName;
                case "child.dateOfBirth" -> dateOfBirth;
                case "child.sex" -> sex;
                case "child.postcode" -> postcode;
                case "child.ethnicity" -> ethnicity;
                case "child.nhsNumber" -> nhsNumber;
                case "child.upn" -> upn;
                case "child.policePersonRef" -> policePersonRef;
                case "child.laChildId" -> laChildId;
                default -> null;
            };
        }
    }

    public static ChildDetails check(Raw raw, Names names, boolean upnRequired, ParseContext context) {
        Map<IdentifierKind, String> identifiers = new EnumMap<>(IdentifierKind.class);
        if (raw.nhsNumber() != null) {
            identifiers.put(IdentifierKind.NHS_NUMBER, NhsNumber.normalise(raw.nhsNumber()).orElseThrow(() ->
                    new RecordRejected(names.nhsNumber(), "is not a valid NHS number (10 digits with a modulus-11 check digit)",
                            raw.nhsNumber())));
        }
        if (raw.upn() != null) {
            identifiers.put(IdentifierKind.UPN, Upn.normalise(raw.upn()).orElseThrow(() ->
                    new RecordRejected(names.upn(), "is not a valid UPN (13 characters with a correct check letter)",
                            raw.upn())));
        } else if (upnRequired) {
            throw new RecordRejected(names.upn(), "is required");
        }
        if (raw.policePersonRef() != null) {
            identifiers.put(IdentifierKind.POLICE_PERSON_REF, Checks.length(names.policePersonRef(), raw.policePersonRef(),
                    MAX_IDENTIFIER));
        }
        if (raw.laChildId() != null) {
            identifiers.put(IdentifierKind.LA_CHILD_ID, Checks.length(names.laChildId(), raw.laChildId(), MAX_IDENTIFIER));
        }
        LocalDate dateOfBirth = raw.dateOfBirth() == null ? null
                : Checks.notFuture(names.dateOfBirth(), JsonRecord.parseDate(names.dateOfBirth(), raw.dateOfBirth()),
                context);
        if (identifiers.isEmpty() && (raw.familyName() == null || dateOfBirth == null)) {
            throw new RecordRejected(names.nhsNumber(), "the child needs an identifier (NHS number, UPN, police or "
                    + "council reference) or a family name and date of birth");
        }
        if (raw.postcode() == null) {
            throw new RecordRejected(names.postcode(), "is required to route the record to its partnership");
        }
        String postcode = Postcodes.normalise(raw.postcode()).orElseThrow(() ->
                new RecordRejected(names.postcode(), "is not a UK postcode", raw.postcode()));
        String sex = Checks.code(names.sex(), raw.sex(), SEXES);
        return new ChildDetails(raw.givenName(), raw.familyName(), dateOfBirth, sex, postcode, raw.ethnicity(), identifiers);
    }

    /** The child block of a JSON record (police, social care, MARF). */
    public static ChildDetails fromJson(JsonRecord record, ParseContext context) {
        JsonRecord child = record.object("child", true);
        return check(new Raw(child.optionalText("givenName"), child.optionalText("familyName"),
                child.optionalText("dateOfBirth"), child.optionalText("sex"), child.optionalText("postcode"),
                child.optionalText("ethnicity"), child.optionalText("nhsNumber"), child.optionalText("upn"),
                child.optionalText("policePersonRef"), child.optionalText("laChildId")), Names.json(child.pointer()), false,
                context);
    }
}
