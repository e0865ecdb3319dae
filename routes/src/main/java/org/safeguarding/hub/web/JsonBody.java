package org.safeguarding.hub.web;

/**
 * A request body bound to its request record, with the text exactly as sent: the provenance payload
 * the hub stores with the action it records.
 *
 * @param value the request record
 * @param raw   the body as sent ({@code {}} for a blank one)
 */
public record JsonBody<T extends Record>(T value, String raw) {
}
