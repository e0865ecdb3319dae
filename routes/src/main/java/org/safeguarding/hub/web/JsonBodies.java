package org.safeguarding.hub.web;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.safeguarding.hub.validation.DuplicateKeys;
import org.safeguarding.hub.validation.JsonSyntax;
import org.safeguarding.hub.validation.StorableText;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Reads a JSON request body into its request record, or refuses it with 400 problem+json naming the
 * field, in the partner's terms:
 * <ol>
 *   <li>malformed JSON: "Malformed request body"; a key twice in one object: its JSON pointer (which
 *       value counts would be a guess, as for partner feeds); not an object: {@code /};</li>
 *   <li>text PostgreSQL cannot store anywhere in the body, unknown fields too ({@link StorableText}: a
 *       NUL, a lone surrogate): the field, since the body is stored whole as the action's provenance;</li>
 *   <li>then the record's components in declaration order, each bound and checked before the next,
 *       so the first wrong field named is the first the record declares: a wrong JSON type ("must
 *       be a string", "is required and must be a whole number", "is required and must be true or
 *       false", "must be an array"), text that is no value of the type ("must be a UUID", "must be
 *       an instant like 2026-04-02T15:00:00Z", an enumeration's "one of ..." from {@link Codes}),
 *       then the component's Jakarta Bean Validation constraints, whose message is the reason.
 *       Nested records in a list are named {@code attendance[0].agency}.</li>
 * </ol>
 * Unknown fields are ignored. A blank body reads as {@code {}}, so its first required field is named.
 *
 * <p>Called by the controllers after method security has let the caller in: a caller without the
 * role or the partnership gets 403 whatever the body holds, as before (Spring's {@code @RequestBody}
 * binding runs before {@code @PreAuthorize}, so a bad body would have answered 400 first).
 * Components are String, Integer, Boolean, Instant, UUID, an enumeration, or a List of records.
 */
@Component
public class JsonBodies {

    /** A key twice in one object is refused (which value counts would be a guess), as for partner feeds. */
    private static final JsonMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final Validator validator;

    public JsonBodies(Validator validator) {
        this.validator = validator;
    }

    public <T extends Record> JsonBody<T> read(String body, Class<T> type) {
        // A byte-order mark is dropped, as the feeds drop it (Utf8Text).
        String raw = body == null || body.isBlank() ? "{}" : body.startsWith("\uFEFF") ? body.substring(1) : body;
        // The body reaches us decoded; bytes that were not UTF-8 became U+FFFD, which would be stored as a
        // guess at what was meant (an outside tester). The feeds refuse such bytes too, naming the byte.
        if (raw.indexOf('\uFFFD') >= 0) {
            throw HubProblem.badRequest("The request body must be UTF-8 text; it has bytes that are not (or the "
                    + "replacement character U+FFFD, which the hub does not store).", "/");
        }
        JsonNode node;
        try {
            node = JSON.readTree(raw);
        } catch (JacksonException e) {
            DuplicateKeys.pointer(e).ifPresent(pointer -> {
                throw HubProblem.badRequest("The key " + pointer + " appears twice in one object; which value counts "
                        + "would be a guess, so the request is refused.", pointer);
            });
            throw new HubProblem(HttpStatus.BAD_REQUEST, "Malformed request body", "The request body is not well-formed JSON: "
                    + JsonSyntax.describe(e) + ".");
        }
        if (!node.isObject()) {
            throw HubProblem.badRequest("the body must be a JSON object", "/");
        }
        StorableText.in(node, "").ifPresent(found -> {
            throw HubProblem.badRequest(found.reason(), found.field());
        });
        return new JsonBody<>(bind(node, type, ""), raw);
    }

    private <T extends Record> T bind(JsonNode node, Class<T> type, String prefix) {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            values[i] = value(node.get(name), components[i].getGenericType(), prefix + name);
            validator.validateValue(type, name, values[i]).stream()
                    .min(Comparator.comparing(ConstraintViolation::getMessage)) // one reason, the same each time
                    .ifPresent(v -> {
                        throw HubProblem.badRequest(v.getMessage(), prefix + name);
                    });
        }
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            canonical.setAccessible(true);
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("request record " + type.getName() + " cannot be built", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object value(JsonNode value, Type type, String field) {
        if (type instanceof ParameterizedType list && list.getRawType() == List.class) {
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw HubProblem.badRequest("must be an array", field);
            }
            Class<? extends Record> element = (Class<? extends Record>) list.getActualTypeArguments()[0];
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < value.size(); i++) {
                items.add(bind(value.get(i), element, field + "[" + i + "]."));
            }
            return List.copyOf(items);
        }
        if (value == null || value.isNull()) {
            return null;
        }
        if (type == Integer.class) {
            if (!value.isIntegralNumber() || !value.canConvertToInt()) { // 4294967298 is not 2
                throw HubProblem.badRequest("is required and must be a whole number", field);
            }
            return value.asInt();
        }
        if (type == Boolean.class) {
            if (!value.isBoolean()) {
                throw HubProblem.badRequest("is required and must be true or false", field);
            }
            return value.asBoolean();
        }
        if (!value.isString()) {
            throw HubProblem.badRequest("must be a string", field);
        }
        String text = value.asString();
        if (type == String.class) {
            return text;
        }
        if (type == Instant.class) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw HubProblem.badRequest("must be an instant like 2026-04-02T15:00:00Z", field);
            }
        }
        if (type == UUID.class) {
            try {
                return UUID.fromString(text);
            } catch (IllegalArgumentException e) {
                throw HubProblem.badRequest("must be a UUID", field);
            }
        }
        if (type instanceof Class<?> c && c.isEnum()) {
            // blank is absent: the component's @NotNull says "is required", as for text
            return text.isBlank() ? null : Codes.require((Class) c, text, field);
        }
        throw new IllegalStateException("no binding for " + type + " (" + field + ")");
    }
}
