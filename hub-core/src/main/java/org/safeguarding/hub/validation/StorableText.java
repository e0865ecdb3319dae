package org.safeguarding.hub.validation;

import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;

/**
 * Text PostgreSQL can store. A {@code text} or {@code jsonb} value may not hold the NUL character
 * (U+0000; PostgreSQL error 22021 / 22P05), and a lone UTF-16 surrogate (a JSON {@code \ud800}
 * escape with no partner) is no Unicode character at all: the database driver would store it as
 * {@code ?}, silently changing the value. Such text is refused naming where it is; where it must
 * be kept anyway (a raw record in quarantine, a reason quoting it) it is {@link #escape escaped}.
 */
public final class StorableText {

    /** Where unstorable text was found (a field path) and why it cannot be stored. */
    public record Finding(String field, String reason) {
    }

    private StorableText() {
    }

    /** Why {@code text} cannot be stored, or empty when it can (null can). */
    public static Optional<String> problem(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\0') {
                return Optional.of("contains a NUL character (\\u0000), which the hub cannot store");
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("contains an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not a Unicode character");
            }
        }
        return Optional.empty();
    }

    /** {@code text} with each NUL and lone surrogate written as a JSON-style escape ({@code \u0000}); null stays null. */
    public static String escape(String text) {
        if (problem(text).isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 12);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '\0' || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * As {@link #in}, naming the place as a JSON pointer from {@code pointer} ({@code /records/2/child/givenName}):
     * how partner JSON feeds name every field they reject.
     */
    public static Optional<Finding> inJson(JsonNode node, String pointer) {
        return find(node, pointer, Naming.JSON_POINTER);
    }

    /**
     * The first unstorable key or string value in a JSON tree, named by its path from {@code path}
     * ({@code child.givenName}, {@code attendance[1].agency}; a bad key is named by its object).
     */
    public static Optional<Finding> in(JsonNode node, String path) {
        return find(node, path, Naming.DOTTED);
    }

    /** How a place in the tree is named: a JSON pointer, or a dotted path (FHIR elements, API bodies). */
    private enum Naming {
        JSON_POINTER, DOTTED;

        String item(String path, int index) {
            return this == JSON_POINTER ? path + "/" + index : path + "[" + index + "]";
        }

        String field(String path, String key) {
            return this == JSON_POINTER ? path + "/" + key : path.isEmpty() ? key : path + "." + key;
        }

        /** A pointer names the bad key itself (escaped); a dotted path names its object. */
        String badKey(String path, String key) {
            return this == JSON_POINTER ? path + "/" + escape(key) : path.isEmpty() ? "/" : path;
        }
    }

    private static Optional<Finding> find(JsonNode node, String path, Naming naming) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isString()) {
            return problem(node.stringValue()).map(reason -> new Finding(path.isEmpty() ? "/" : path, reason));
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                Optional<Finding> found = find(node.get(i), naming.item(path, i), naming);
                if (found.isPresent()) {
                    return found;
                }
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                Optional<String> badKey = problem(field.getKey());
                if (badKey.isPresent()) {
                    return Optional.of(new Finding(naming.badKey(path, field.getKey()), "a field name " + badKey.get()));
                }
                Optional<Finding> found = find(field.getValue(), naming.field(path, field.getKey()), naming);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
