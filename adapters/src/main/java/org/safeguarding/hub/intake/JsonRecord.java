package org.safeguarding.hub.intake;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Typed reading of one JSON object of a partner record that its feed's schema ({@link FeedSchema}) has
 * already checked for shape, codes and lengths, naming the field in every rejection by its
 * JSON pointer (RFC 6901) into the partner's message: {@code /records/2/child/dateOfBirth} in a batch,
 * {@code /child/dateOfBirth} in a referral form, so the partner finds it in its own file.
 */
public final class JsonRecord {

    private final JsonNode node;
    private final String pointer;

    /** @param pointer where {@code node} is in the message: "" for the whole document, else "/records/2" */
    public JsonRecord(JsonNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    /** The JSON pointer of member {@code name} of this object (the contracts' names need no escaping). */
    public String field(String name) {
        return pointer + "/" + name;
    }

    public String pointer() {
        return pointer;
    }

    /** The hub's dotted names ({@code child.postcode}) as pointers under this object. */
    public PartnerFields names() {
        return hubField -> pointer + "/" + hubField.replace('.', '/');
    }

    public JsonRecord object(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new RecordRejected(field(name), "is required");
            }
            return null;
        }
        if (!value.isObject()) {
            throw new RecordRejected(field(name), "must be an object");
        }
        return new JsonRecord(value, field(name));
    }

    public String text(String name) {
        String value = optionalText(name);
        if (value == null) {
            throw new RecordRejected(field(name), "is required");
        }
        return value;
    }

    public String optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new RecordRejected(field(name), "must be a string");
        }
        String text = value.stringValue().strip();
        // Lengths are the feed schema's to check (every string of the JSON contracts has a maxLength or a format).
        return text.isEmpty() ? null : text;
    }

    /** A code the feed schema has already checked against its list (enum); kept lower case. Null when absent. */
    public String code(String name) {
        String value = optionalText(name);
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    public LocalDate date(String name, boolean required) {
        String value = required ? text(name) : optionalText(name);
        return value == null ? null : parseDate(field(name), value);
    }

    public Instant instant(String name, boolean required) {
        String value = required ? text(name) : optionalText(name);
        if (value == null) {
            return null;
        }
        try {
            return isoInstant(value);
        } catch (DateTimeException e) {
            throw new RecordRejected(field(name), "is not a date-time with offset like 2026-03-01T18:30:00Z", value);
        }
    }

    public Boolean bool(String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new RecordRejected(field(name), "is required");
            }
            return null;
        }
        if (!value.isBoolean()) {
            throw new RecordRejected(field(name), "must be true or false");
        }
        return value.booleanValue();
    }

    public int integer(String name, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            throw new RecordRejected(field(name), "is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
            throw new RecordRejected(field(name), "must be a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }

    public static LocalDate parseDate(String field, String value) {
        try {
            return isoDate(value);
        } catch (DateTimeException e) {
            throw new RecordRejected(field, "is not a date like 2015-04-30", value);
        }
    }

    /**
     * An ISO date. The shape every feed uses ("2015-04-30") is read digit by digit: the ISO parser
     * cost more than all of a record's other checks. Anything else goes to the parser, and
     * {@link LocalDate#of} refuses the same impossible dates it does (30 February).
     */
    static LocalDate isoDate(String value) {
        if (value.length() == 10 && value.charAt(4) == '-' && value.charAt(7) == '-') {
            int year = digits(value, 0, 4);
            int month = digits(value, 5, 7);
            int day = digits(value, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day);
            }
        }
        return LocalDate.parse(value);
    }

    /** An ISO date-time with offset; "2026-03-01T18:30:00Z" read directly, as {@link #isoDate}. */
    static Instant isoInstant(String value) {
        if (value.length() == 20 && value.charAt(10) == 'T' && value.charAt(13) == ':' && value.charAt(16) == ':'
                && value.charAt(19) == 'Z') {
            int hour = digits(value, 11, 13);
            int minute = digits(value, 14, 16);
            int second = digits(value, 17, 19);
            if (hour >= 0 && minute >= 0 && second >= 0) {
                return LocalDateTime.of(isoDate(value.substring(0, 10)), LocalTime.of(hour, minute, second))
                        .toInstant(ZoneOffset.UTC);
            }
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    /** The decimal number in value[from, to), or -1 unless every character is an ASCII digit. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
