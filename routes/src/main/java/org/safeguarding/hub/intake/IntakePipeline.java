package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Feed;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The steps the intake route calls: read the message with its feed's adapter, then store it. */
public class IntakePipeline {

    /** A submission and what its adapter read from it. */
    public record Parsed(Submission submission, ParsedMessage message) {
    }

    private final Map<Feed, FeedAdapter> adapters = new EnumMap<>(Feed.class);
    private final MessageStore store;

    public IntakePipeline(List<FeedAdapter> adapters, MessageStore store) {
        adapters.forEach(a -> this.adapters.put(a.feed(), a));
        this.store = store;
    }

    public Parsed parse(Submission submission) {
        return new Parsed(submission, adapter(submission.feed()).parse(submission.body(), submission.contentType(),
                new ParseContext(submission.agencyId(), submission.receivedAt())));
    }

    public Receipt store(Parsed parsed) {
        return store.store(parsed.submission(), parsed.message());
    }

    /**
     * The validate-only path (dry runs): the receipt {@link #store} would give now, with nothing kept
     * ({@link MessageStore#rehearse}). Every adapter and every rule runs as for a real message.
     */
    public Receipt rehearse(Parsed parsed) {
        return store.rehearse(parsed.submission(), parsed.message());
    }

    public FeedAdapter adapter(Feed feed) {
        FeedAdapter adapter = adapters.get(feed);
        if (adapter == null) {
            throw new IllegalArgumentException("no adapter for feed " + feed.code());
        }
        return adapter;
    }
}
