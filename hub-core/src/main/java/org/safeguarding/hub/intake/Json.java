package org.safeguarding.hub.intake;

/** A value for a jsonb column (the writer casts it). */
public record Json(String text) {
}
