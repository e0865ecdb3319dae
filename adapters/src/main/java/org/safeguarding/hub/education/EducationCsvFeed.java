package org.safeguarding.hub.education;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.ChildFields;
import org.safeguarding.hub.intake.FeedAdapter;
import org.safeguarding.hub.intake.Json;
import org.safeguarding.hub.intake.JsonRecord;
import org.safeguarding.hub.intake.Limits;
import org.safeguarding.hub.intake.MalformedMessage;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.intake.ParsedMessage;
import org.safeguarding.hub.intake.ParsedRecord;
import org.safeguarding.hub.intake.PartnerFields;
import org.safeguarding.hub.intake.RecordRejected;
import org.safeguarding.hub.intake.Utf8Text;
import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.validation.StorableText;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The education feed: UTF-8 CSV keyed by UPN (docs/feeds/education.csv.md). The header row is the
 * contract: a missing required column, an unknown one or one named twice refuses the whole file, as
 * does any cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return), because
 * the file is hostile or corrupted and nothing of it should be trusted.
 *
 * <p>Files as spreadsheets save them are read: a UTF-8 byte-order mark, CRLF line ends, quoted
 * header names, empty trailing lines, rows whose cells are all empty and unnamed trailing columns that
 * are empty throughout. A file in another encoding ({@link Utf8Text}) or separated by semicolons or
 * tabs (Excel under European regional settings, "Text (Tab delimited)") is refused saying so.
 */
public final class EducationCsvFeed implements FeedAdapter {

    static final List<String> REQUIRED = List.of("record_id", "record_type", "upn", "given_name", "family_name",
            "date_of_birth", "postcode", "occurred_on");
    static final List<String> OPTIONAL = List.of("sex", "attendance_percent", "exclusion_kind", "notes", "school_urn",
            "notice_id");
    static final Set<String> TYPES = Set.of("referral", "attendance", "exclusion", "missing-education",
            "elective-home-education", "early-help-assessment", "encompass-receipt", "enrolment");
    /** DfE: a pupil missing 10% or more of sessions is persistently absent. */
    static final double PERSISTENT_ABSENCE_BELOW = 90.0;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Rejections name the file's columns; the hub's own rules refuse on the child's fields only. */
    private static final PartnerFields NAMES = ChildFields.Names.CSV.or(PartnerFields.AS_IS);
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true).setTrim(true).setAllowMissingColumnNames(true).get();

    @Override
    public Feed feed() {
        return Feed.EDUCATION;
    }

    @Override
    public ParsedMessage parse(byte[] body, String contentType, ParseContext context) {
        String text = Utf8Text.decode(body);
        checkSeparator(text);
        List<ParsedRecord> records = new ArrayList<>();
        try (CSVParser csv = CSVParser.parse(new StringReader(text), FORMAT)) {
            List<String> header = csv.getHeaderNames();
            checkHeader(header);
            for (CSVRecord row : csv) {
                checkCells(row, header);
                if (row.stream().allMatch(String::isBlank)) {
                    continue; // a row a spreadsheet kept after its content was cleared: nothing to read
                }
                if (records.size() == Limits.MAX_RECORDS) {
                    throw new MalformedMessage("row " + (records.size() + 2), "A file may carry at most "
                            + Limits.MAX_RECORDS + " rows.", true);
                }
                records.add(record(row.toMap(), records.size(), raw(header, row.toMap()), context));
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new MalformedMessage("/", "The body is not a well-formed CSV file: " + e.getMessage());
        }
        return new ParsedMessage(null, records);
    }

    @Override
    public ParsedRecord reparse(String rawRecord, int position, ParseContext context) {
        ParsedMessage one = parse(rawRecord.getBytes(StandardCharsets.UTF_8), "text/csv", context);
        ParsedRecord record = one.records().get(0);
        return record instanceof ParsedRecord.Valid v ? new ParsedRecord.Valid(position, v.raw(), v.child(), v.fact(), NAMES)
                : new ParsedRecord.Invalid(position, record.raw(), ((ParsedRecord.Invalid) record).rejection());
    }

    private static ParsedRecord record(Map<String, String> cells, int position, String raw, ParseContext context) {
        try {
            for (var cell : cells.entrySet()) { // a NUL byte is valid UTF-8 but no text PostgreSQL stores
                StorableText.problem(cell.getValue()).ifPresent(reason -> {
                    throw new RecordRejected(cell.getKey(), reason);
                });
            }
            String type = Checks.code("record_type", blankToNull(cells.get("record_type")), TYPES);
            if (type == null) {
                throw new RecordRejected("record_type", "is required");
            }
            String recordId = Checks.length("record_id", blankToNull(cells.get("record_id")), Limits.MAX_SHORT_TEXT);
            if (recordId == null) {
                throw new RecordRejected("record_id", "is required");
            }
            ChildDetails child = ChildFields.check(new ChildFields.Raw(blankToNull(cells.get("given_name")),
                    blankToNull(cells.get("family_name")), blankToNull(cells.get("date_of_birth")),
                    blankToNull(cells.get("sex")), blankToNull(cells.get("postcode")), null, null,
                    blankToNull(cells.get("upn")), null, null), ChildFields.Names.CSV,
                    ChildFields.Identification.UPN, context);
            String occurred = blankToNull(cells.get("occurred_on"));
            if (occurred == null) {
                throw new RecordRejected("occurred_on", "is required");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            if (type.equals("attendance")) {
                double percent = percent(blankToNull(cells.get("attendance_percent")));
                detail.put("attendancePercent", percent);
                detail.put("persistentAbsence", percent < PERSISTENT_ABSENCE_BELOW);
            } else if (type.equals("exclusion")) {
                String kind = Checks.code("exclusion_kind", blankToNull(cells.get("exclusion_kind")),
                        Set.of("suspension", "permanent"));
                if (kind == null) {
                    throw new RecordRejected("exclusion_kind", "is required for an exclusion");
                }
                detail.put("exclusionKind", kind);
            }
            // The pupil's school (DfE URN, six digits): the hub sends Operation Encompass notices there.
            String schoolUrn = blankToNull(cells.get("school_urn"));
            if (schoolUrn != null && !schoolUrn.matches("[0-9]{6}")) {
                throw new RecordRejected("school_urn", "must be the school's unique reference number, six digits", schoolUrn);
            }
            if (schoolUrn == null && type.equals("enrolment")) {
                throw new RecordRejected("school_urn", "is required for an enrolment");
            }
            if (schoolUrn != null) {
                detail.put("schoolUrn", schoolUrn);
            }
            // An encompass-receipt acknowledges the Operation Encompass notice it names (the notice's noticeId).
            String noticeId = blankToNull(cells.get("notice_id"));
            if (noticeId != null) {
                if (!type.equals("encompass-receipt")) {
                    throw new RecordRejected("notice_id", "is only for an encompass-receipt", noticeId);
                }
                if (!noticeId.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                    throw new RecordRejected("notice_id", "must be the noticeId of the hub's Operation Encompass notice", noticeId);
                }
                detail.put("noticeId", noticeId.toLowerCase(java.util.Locale.ROOT));
            }
            String notes = Checks.length("notes", blankToNull(cells.get("notes")), Limits.MAX_TEXT);
            if (notes != null) {
                detail.put("notes", notes);
            }
            LocalDate on = Checks.notFuture("occurred_on", JsonRecord.parseDate("occurred_on", occurred), context);
            return new ParsedRecord.Valid(position, raw, child, new CanonicalFact.EducationEvent(recordId, type, on,
                    new Json(JSON.writeValueAsString(detail))), NAMES);
        } catch (RecordRejected rejected) {
            return rejected.at(position, raw);
        }
    }

    private static double percent(String value) {
        try {
            double percent = Double.parseDouble(value == null ? "" : value);
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // falls through to the rejection
        }
        throw new RecordRejected("attendance_percent", "must be a number from 0 to 100 for an attendance record", value);
    }

    /** Excel under European regional settings saves "CSV" with ';' between cells; "Text (Tab delimited)" with tabs. */
    private static void checkSeparator(String text) {
        int end = text.indexOf('\n');
        String first = end < 0 ? text : text.substring(0, end);
        for (char separator : new char[] {';', '\t'}) {
            if (first.indexOf(',') < 0 && first.indexOf(separator) >= 0) {
                String name = separator == ';' ? "semicolons (';', as spreadsheets save CSV under European regional "
                        + "settings)" : "tabs (as spreadsheets save 'Text (Tab delimited)')";
                throw new MalformedMessage("header", "The header row is separated by " + name + "; the hub takes "
                        + "comma-separated files only: save as 'CSV UTF-8 (Comma delimited)' with ',' as the list "
                        + "separator; see docs/feeds/education.csv.md");
            }
        }
    }

    private static void checkHeader(List<String> header) {
        for (int i = 0; i < header.size(); i++) {
            int again = header.subList(i + 1, header.size()).indexOf(header.get(i));
            if (!header.get(i).isEmpty() && again >= 0) {
                throw new MalformedMessage(header.get(i), "The header row names the column '" + header.get(i)
                        + "' twice (columns " + (i + 1) + " and " + (i + again + 2) + "); which value counts would be "
                        + "a guess, so the file is refused.");
            }
        }
        List<String> missing = REQUIRED.stream().filter(h -> !header.contains(h)).toList();
        if (!missing.isEmpty()) {
            throw new MalformedMessage("header", "The header row lacks required column(s) " + missing
                    + "; see docs/feeds/education.csv.md");
        }
        List<String> unknown = header.stream().filter(h -> !h.isEmpty() && !REQUIRED.contains(h) && !OPTIONAL.contains(h))
                .toList();
        if (!unknown.isEmpty()) {
            throw new MalformedMessage("header", "The header row has unknown column(s) " + unknown
                    + "; see docs/feeds/education.csv.md");
        }
    }

    /** OWASP CSV injection: a cell starting with one of these is run as a formula by spreadsheets. */
    private static void checkCells(CSVRecord row, List<String> header) {
        if (row.size() != header.size()) {
            throw new MalformedMessage("row " + (row.getRecordNumber() + 1), "The row has " + row.size()
                    + " cells but the header has " + header.size() + ".");
        }
        for (int i = 0; i < row.size(); i++) {
            String cell = row.get(i);
            if (header.get(i).isEmpty() && !cell.isEmpty()) {
                throw new MalformedMessage("row " + (row.getRecordNumber() + 1) + ", column " + (i + 1), "The cell has a "
                        + "value but its column has no name in the header row; the file is refused.");
            }
            if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
                throw new MalformedMessage("row " + (row.getRecordNumber() + 1) + ", column " + header.get(i),
                        "The cell starts with '" + cell.charAt(0) + "', which spreadsheets run as a formula; "
                                + "the file is refused.");
            }
        }
    }

    /** The named columns of the header and this row alone: a CSV file of one record that replay can read again. */
    private static String raw(List<String> allColumns, Map<String, String> cells) {
        List<String> header = allColumns.stream().filter(h -> !h.isEmpty()).toList();
        StringBuilder out = new StringBuilder();
        try {
            CSVFormat.RFC4180.printRecord(out, header.toArray());
            CSVFormat.RFC4180.printRecord(out, header.stream().map(cells::get).toArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
