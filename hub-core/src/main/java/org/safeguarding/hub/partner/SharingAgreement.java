package org.safeguarding.hub.partner;

import java.time.LocalDate;
import java.util.List;

/** An information-sharing agreement: which feeds an agency may send, why, and when it is in force. */
public record SharingAgreement(String agency, List<Feed> feeds, String purpose, String lawfulBasis,
                               LocalDate from, LocalDate to) {
    public SharingAgreement {
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
    }

    public boolean covers(Feed feed, LocalDate on) {
        return feeds.contains(feed) && !on.isBefore(from) && (to == null || !on.isAfter(to));
    }
}
