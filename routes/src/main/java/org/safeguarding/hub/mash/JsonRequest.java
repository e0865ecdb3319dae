package org.safeguarding.hub.mash;

import org.safeguarding.hub.validation.StorableText;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.intake.JsonBatch;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A request body read field by field, so a wrong value is refused as 400 naming the field. The raw
 * text is kept: it is the provenance payload of the action, so text PostgreSQL cannot store
 * ({@link StorableText}: a NUL, a lone surrogate) anywhere in it is refused first, naming the field.
 */
public final class JsonRequest {

    /** A key twice in one object is refused (which value counts would be a guess), as for partner feeds. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String raw;
    private final JsonNode node;

    private JsonRequest(String raw, JsonNode node) {
        this.raw = raw;
        this.node = node;
    }

    public static JsonRequest of(String raw) {
        try {
            JsonNode node = JSON.readTree(raw == null || raw.isBlank() ? "{}" : raw);
            if (!node.isObject()) {
                throw HubProblem.badRequest("the body must be a JSON object", "/");
            }
            StorableText.in(node, "").ifPresent(found -> {
                throw HubProblem.badRequest(found.reason(), found.field());
            });
            return new JsonRequest(raw == null || raw.isBlank() ? "{}" : raw, node);
        } catch (JacksonException e) {
            JsonBatch.duplicateKey(e).ifPresent(pointer -> {
                throw HubProblem.badRequest("The key " + pointer + " appears twice in one object; which value counts "
                        + "would be a guess, so the request is refused.", pointer);
            });
            throw new HubProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "Malformed request body",
                    "The request body is not well-formed JSON.");
        }
    }

    public String raw() {
        return raw;
    }

    public String text(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw HubProblem.badRequest("must be a string", field);
        }
        return value.asString();
    }

    public String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw HubProblem.badRequest("is required", field);
        }
        return value;
    }

    public int requiredInt(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()) { // 4294967298 is not 2
            throw HubProblem.badRequest("is required and must be a whole number", field);
        }
        return value.asInt();
    }

    public boolean requiredBoolean(String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isBoolean()) {
            throw HubProblem.badRequest("is required and must be true or false", field);
        }
        return value.asBoolean();
    }

    public Instant instant(String field) {
        String value = text(field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw HubProblem.badRequest("must be an instant like 2026-04-02T15:00:00Z", field);
        }
    }

    public UUID uuid(String field) {
        String value = text(field);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw HubProblem.badRequest("must be a UUID", field);
        }
    }

    /** The elements of an array field, each as a request of its own (fields named {@code field[i].x}). */
    public List<JsonRequest> list(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw HubProblem.badRequest("must be an array", field);
        }
        List<JsonRequest> items = new ArrayList<>();
        value.forEach(item -> items.add(new JsonRequest(item.toString(), item)));
        return items;
    }
}
