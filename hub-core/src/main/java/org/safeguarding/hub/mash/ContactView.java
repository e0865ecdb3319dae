package org.safeguarding.hub.mash;

import java.time.Instant;

/**
 * A contact as the MASH API and the MASH screen show it: its current version, its state
 * ({@link ContactStates}: the current RAG rating or null when unrated, when the threshold decision
 * is due (UTC) and whether it is overdue at the time of the read) and its current decision, null
 * while undecided. Read by {@link ContactViews#view}.
 */
public record ContactView(Contact contact, RagRating rag, Instant dueAt, boolean overdue, RecordedDecision decision) {
}
