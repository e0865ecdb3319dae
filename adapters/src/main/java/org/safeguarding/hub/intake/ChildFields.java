package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Postcodes;
import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.validation.Upn;

import java.time.DateTimeException;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The child block every feed carries, checked the same way whatever the format: identifiers with
 * their check digits (a placeholder such as 0000000000 is kept out of the linking keys, with a
 * warning), a date of birth in range (a day, a month or a year), a UK postcode (needed for partnership routing), and
 * enough to identify the child (an identifier, or family name and date of birth).
 */
public final class ChildFields {

    /** child_identifier.value holds at most 64 characters. */
    static final int MAX_IDENTIFIER = 64;
    private static final Set<String> SEXES = Set.of("female", "male", "other", "unknown");

    private ChildFields() {
    }

    /** The raw values as the partner sent them; {@code prefix} is the path of the child block. */
    public record Raw(String givenName, String familyName, String dateOfBirth, String sex, String postcode,
                      String ethnicity, String nhsNumber, String upn, String policePersonRef, String laChildId) {
    }

    public static ChildDetails check(Raw raw, String prefix, boolean upnRequired, ParseContext context) {
        Map<IdentifierKind, String> identifiers = new EnumMap<>(IdentifierKind.class);
        List<RecordOutcome.Warning> warnings = new ArrayList<>();
        // FHIR carries the NHS number as Patient.identifier (system https://fhir.nhs.uk/Id/nhs-number).
        boolean fhir = prefix.equals("Patient.");
        String nhsField = fhir ? "Patient.identifier" : prefix + "nhsNumber";
        String birthField = fhir ? "Patient.birthDate" : prefix + "dateOfBirth";
        if (raw.nhsNumber() != null) {
            identifier(identifiers, warnings, IdentifierKind.NHS_NUMBER, nhsField, NhsNumber.normalise(raw.nhsNumber())
                    .orElseThrow(() -> new RecordRejected(nhsField, "'" + raw.nhsNumber()
                            + "' is not a valid NHS number (10 digits with a modulus-11 check digit)")));
        }
        if (raw.upn() != null) {
            identifier(identifiers, warnings, IdentifierKind.UPN, prefix + "upn", Upn.normalise(raw.upn()).orElseThrow(() ->
                    new RecordRejected(prefix + "upn", "'" + raw.upn()
                            + "' is not a valid UPN (13 characters with a correct check letter)")));
        } else if (upnRequired) {
            throw new RecordRejected(prefix + "upn", "is required");
        }
        if (raw.policePersonRef() != null) {
            identifier(identifiers, warnings, IdentifierKind.POLICE_PERSON_REF, prefix + "policePersonRef",
                    Checks.length(prefix + "policePersonRef", raw.policePersonRef(), MAX_IDENTIFIER));
        }
        if (raw.laChildId() != null) {
            identifier(identifiers, warnings, IdentifierKind.LA_CHILD_ID, prefix + "laChildId",
                    Checks.length(prefix + "laChildId", raw.laChildId(), MAX_IDENTIFIER));
        }
        BirthDate dateOfBirth = raw.dateOfBirth() == null ? null
                : Checks.notFuture(birthField, birthDate(birthField, raw.dateOfBirth()), context);
        // A placeholder is still what the partner knows of the child: the record is kept, left unlinked.
        if (identifiers.isEmpty() && warnings.isEmpty() && (raw.familyName() == null || dateOfBirth == null)) {
            throw new RecordRejected(prefix + "nhsNumber", "the child needs an identifier (NHS number, UPN, police or "
                    + "council reference) or a family name and date of birth");
        }
        if (raw.postcode() == null) {
            throw new RecordRejected(prefix + "postcode", "is required to route the record to its partnership");
        }
        String postcode = Postcodes.normalise(raw.postcode()).orElseThrow(() ->
                new RecordRejected(prefix + "postcode", "'" + raw.postcode() + "' is not a UK postcode"));
        String sex = Checks.code(prefix + "sex", raw.sex(), SEXES);
        return new ChildDetails(raw.givenName(), raw.familyName(), dateOfBirth, sex, postcode, raw.ethnicity(), identifiers,
                warnings);
    }

    /** A linking key, or a warning naming the field when the value is a placeholder (IdentifierKind#isPlaceholder). */
    private static void identifier(Map<IdentifierKind, String> identifiers, List<RecordOutcome.Warning> warnings,
                                   IdentifierKind kind, String field, String value) {
        if (kind.isPlaceholder(value)) {
            warnings.add(new RecordOutcome.Warning(field, "'" + value + "' is a placeholder, not one child's identifier: "
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
            throw new RecordRejected(field, "'" + value + "' is not a date like 2015-04-30, a month like 2015-04 or a "
                    + "year like 2015");
        }
        return BirthDate.of(JsonRecord.parseDate(field, value));
    }

    /** The child block of a JSON record (police, social care, MARF). */
    public static ChildDetails fromJson(JsonRecord record, ParseContext context) {
        JsonRecord child = record.object("child", true);
        return check(new Raw(child.optionalText("givenName"), child.optionalText("familyName"),
                child.optionalText("dateOfBirth"), child.optionalText("sex"), child.optionalText("postcode"),
                child.optionalText("ethnicity"), child.optionalText("nhsNumber"), child.optionalText("upn"),
                child.optionalText("policePersonRef"), child.optionalText("laChildId")), "child.", false, context);
    }
}
