package org.safeguarding.hub.intake;

import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * Typed reading of one JSON object of a partner record, with the field path in every rejection
 * ("child.dateOfBirth: is not a date like 2015-04-30").
 */
public final class JsonRecord {

    private final JsonNode node;
    private final String path;

    public JsonRecord(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    public String field(String name) {
        return path.isEmpty() ? name : path + "." + name;
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
        if (text.isEmpty()) {
            return null;
        }
        return Checks.length(field(name), text, name.equals("concerns") || name.endsWith("Summary") || name.equals("summary")
                ? Limits.MAX_TEXT : Limits.MAX_SHORT_TEXT);
    }

    public String code(String name, Set<String> allowed, boolean required) {
        String value = required ? text(name) : optionalText(name);
        return Checks.code(field(name), value, allowed);
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
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new RecordRejected(field(name), "'" + value + "' is not a date-time with offset like 2026-03-01T18:30:00Z");
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
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RecordRejected(field, "'" + value + "' is not a date like 2015-04-30");
        }
    }
}
