package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.BirthDate;
import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.child.IdentifierKind;
import org.safeguarding.hub.partner.Postcodes;
import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.validation.Upn;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The child block every feed carries, checked the same way whatever the format: identifiers with
 * their check digits (a placeholder such as 0000000000 is kept out of the linking keys, with a
 * warning), a date of birth in range (a day, a month or a year), a UK postcode (needed for partnership routing), and
 * enough to identify the child, as its format's {@link Identification} says and where that rule is kept.
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

    /**
     * What identifies the child in a format, and where that rule is kept: each rule in one place.
     */
    public enum Identification {
        /**
         * The JSON feeds: an identifier, or family name and date of birth, none blank. The {@code anyOf} of
         * docs/feeds/common-child.schema.json, enforced by {@link FeedSchema} before a record reaches here.
         */
        BY_FEED_SCHEMA,
        /** The schools' CSV: the UPN column, always (docs/feeds/education.csv.md). */
        UPN,
        /**
         * A FHIR Patient, which no JSON Schema of the hub's describes: an NHS number, or family name and birth
         * date (docs/feeds/health-fhir-mapping.md); refused naming the NHS number's element.
         */
        NHS_NUMBER_OR_NAME_AND_BIRTH_DATE
    }

    public static ChildDetails check(Raw raw, Names names, Identification identification, ParseContext context) {
        Map<IdentifierKind, String> identifiers = new EnumMap<>(IdentifierKind.class);
        List<ChildDetails.Warning> warnings = new ArrayList<>();
        if (raw.nhsNumber() != null) {
            identifier(identifiers, warnings, IdentifierKind.NHS_NUMBER, names.nhsNumber(),
                    NhsNumber.normalise(raw.nhsNumber()).orElseThrow(() -> new RecordRejected(names.nhsNumber(),
                            "is not a valid NHS number (10 digits with a modulus-11 check digit)", raw.nhsNumber())));
        }
        if (raw.upn() != null) {
            identifier(identifiers, warnings, IdentifierKind.UPN, names.upn(), Upn.normalise(raw.upn()).orElseThrow(() ->
                    new RecordRejected(names.upn(), "is not a valid UPN (13 characters with a correct check letter)",
                            raw.upn())));
        } else if (identification == Identification.UPN) {
            throw new RecordRejected(names.upn(), "is required");
        }
        if (raw.policePersonRef() != null) {
            identifier(identifiers, warnings, IdentifierKind.POLICE_PERSON_REF, names.policePersonRef(),
                    Checks.length(names.policePersonRef(), raw.policePersonRef(), MAX_IDENTIFIER));
        }
        if (raw.laChildId() != null) {
            identifier(identifiers, warnings, IdentifierKind.LA_CHILD_ID, names.laChildId(),
                    Checks.length(names.laChildId(), raw.laChildId(), MAX_IDENTIFIER));
        }
        BirthDate dateOfBirth = raw.dateOfBirth() == null ? null
                : Checks.notFuture(names.dateOfBirth(), birthDate(names.dateOfBirth(), raw.dateOfBirth()), context);
        // A placeholder is still what the partner knows of the child: the record is kept, left unlinked.
        if (identification == Identification.NHS_NUMBER_OR_NAME_AND_BIRTH_DATE && identifiers.isEmpty()
                && warnings.isEmpty() && (raw.familyName() == null || dateOfBirth == null)) {
            throw new RecordRejected(names.nhsNumber(), "the child needs an identifier (NHS number, UPN, police or "
                    + "council reference) or a family name and date of birth");
        }
        if (raw.postcode() == null) {
            throw new RecordRejected(names.postcode(), "is required to route the record to its partnership");
        }
        String postcode = Postcodes.normalise(raw.postcode()).orElseThrow(() ->
                new RecordRejected(names.postcode(), "is not a UK postcode", raw.postcode()));
        String sex = Checks.code(names.sex(), raw.sex(), SEXES);
        return new ChildDetails(raw.givenName(), raw.familyName(), dateOfBirth, sex, postcode, raw.ethnicity(), identifiers,
                warnings);
    }

    /**
     * A linking key, or a warning naming the field when the value is a placeholder
     * ({@link IdentifierKind#isPlaceholder}); the warning never repeats the value (operators read outcomes too).
     */
    private static void identifier(Map<IdentifierKind, String> identifiers, List<ChildDetails.Warning> warnings,
                                   IdentifierKind kind, String field, String value) {
        if (kind.isPlaceholder(value)) {
            warnings.add(new ChildDetails.Warning(field, "is a placeholder, not one child's identifier: "
                    + "the record is kept but not linked by it"));
        } else {
            identifiers.put(kind, value);
        }
    }

    /**
     * A date of birth as FHIR's date type allows: a day (2015-03-14), a month (2015-03) or a year
     * (2016), kept with that precision; every feed takes all three.
     */
    static BirthDate birthDate(String field, String value) {
        try {
            if (value.length() == 4) {
                return BirthDate.ofYear(Integer.parseInt(value));
            }
            if (value.length() == 7) {
                return BirthDate.of(YearMonth.parse(value));
            }
        } catch (NumberFormatException | DateTimeException e) {
            throw new RecordRejected(field, "is not a date like 2015-04-30, a month like 2015-04 or a year like 2015",
                    value);
        }
        return BirthDate.of(JsonRecord.parseDate(field, value));
    }

    /** The child block of a JSON record (police, social care, MARF). */
    public static ChildDetails fromJson(JsonRecord record, ParseContext context) {
        JsonRecord child = record.object("child", true);
        return check(new Raw(child.optionalText("givenName"), child.optionalText("familyName"),
                child.optionalText("dateOfBirth"), child.optionalText("sex"), child.optionalText("postcode"),
                child.optionalText("ethnicity"), child.optionalText("nhsNumber"), child.optionalText("upn"),
                child.optionalText("policePersonRef"), child.optionalText("laChildId")), Names.json(child.pointer()),
                Identification.BY_FEED_SCHEMA, context);
    }
}
