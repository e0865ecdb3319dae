package org.safeguarding.hub.partner;

import java.time.LocalDate;
import java.util.List;

/**
 * An information-sharing agreement: which feeds an agency may send, what the hub may share on under
 * it ({@code shares}, none when absent), why, and when it is in force.
 */
public record SharingAgreement(String agency, List<Feed> feeds, List<SharedPurpose> shares, String purpose,
                               String lawfulBasis, LocalDate from, LocalDate to) {
    public SharingAgreement {
        feeds = feeds == null ? List.of() : List.copyOf(feeds);
        shares = shares == null ? List.of() : List.copyOf(shares);
    }

    public boolean covers(Feed feed, LocalDate on) {
        return feeds.contains(feed) && inForce(on);
    }

    /** True when the agreement names {@code shared} and is in force on {@code on}. */
    public boolean covers(SharedPurpose shared, LocalDate on) {
        return shares.contains(shared) && inForce(on);
    }

    private boolean inForce(LocalDate on) {
        return !on.isBefore(from) && (to == null || !on.isAfter(to));
    }
}
