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

    /** The raw values as the partner sent them; {@code prefix} is the path of the child block. */
    public record Raw(String givenName, String familyName, String dateOfBirth, String sex, String postcode,
                      String ethnicity, String nhsNumber, String upn, String policePersonRef, String laChildId) {
    }

    public static ChildDetails check(Raw raw, String prefix, boolean upnRequired, ParseContext context) {
        Map<IdentifierKind, String> identifiers = new EnumMap<>(IdentifierKind.class);
        if (raw.nhsNumber() != null) {
            identifiers.put(IdentifierKind.NHS_NUMBER, NhsNumber.normalise(raw.nhsNumber()).orElseThrow(() ->
                    new RecordRejected(prefix + "nhsNumber", "'" + raw.nhsNumber()
                            + "' is not a valid NHS number (10 digits with a modulus-11 check digit)")));
        }
        if (raw.upn() != null) {
            identifiers.put(IdentifierKind.UPN, Upn.normalise(raw.upn()).orElseThrow(() ->
                    new RecordRejected(prefix + "upn", "'" + raw.upn()
                            + "' is not a valid UPN (13 characters with a correct check letter)")));
        } else if (upnRequired) {
            throw new RecordRejected(prefix + "upn", "is required");
        }
        if (raw.policePersonRef() != null) {
            identifiers.put(IdentifierKind.POLICE_PERSON_REF, Checks.length(prefix + "policePersonRef", raw.policePersonRef(),
                    MAX_IDENTIFIER));
        }
        if (raw.laChildId() != null) {
            identifiers.put(IdentifierKind.LA_CHILD_ID, Checks.length(prefix + "laChildId", raw.laChildId(), MAX_IDENTIFIER));
        }
        LocalDate dateOfBirth = raw.dateOfBirth() == null ? null
                : Checks.notFuture(prefix + "dateOfBirth", JsonRecord.parseDate(prefix + "dateOfBirth", raw.dateOfBirth()),
                context);
        if (identifiers.isEmpty() && (raw.familyName() == null || dateOfBirth == null)) {
            throw new RecordRejected(prefix + "nhsNumber", "the child needs an identifier (NHS number, UPN, police or "
                    + "council reference) or a family name and date of birth");
        }
        if (raw.postcode() == null) {
            throw new RecordRejected(prefix + "postcode", "is required to route the record to its partnership");
        }
        String postcode = Postcodes.normalise(raw.postcode()).orElseThrow(() ->
                new RecordRejected(prefix + "postcode", "'" + raw.postcode() + "' is not a UK postcode"));
        String sex = Checks.code(prefix + "sex", raw.sex(), SEXES);
        return new ChildDetails(raw.givenName(), raw.familyName(), dateOfBirth, sex, postcode, raw.ethnicity(), identifiers);
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
