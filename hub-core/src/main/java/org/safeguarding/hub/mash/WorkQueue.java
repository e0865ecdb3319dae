package org.safeguarding.hub.mash;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The MASH lead's queue: undecided contacts due soon or overdue, contacts awaiting partner
 * information, and decisions under an open professional disagreement. Due times are computed in
 * Java (working time cannot be done in SQL); the candidate set is the partnership's open work only.
 */
public final class WorkQueue {

    /** Which part of the queue. */
    public enum View { DUE, OVERDUE, AWAITING_INFORMATION, DISAGREEMENTS, ALL }

    /** What to show: a view, its filters (null for any) and the page wanted (0-based). */
    public record Query(String partnershipId, View view, int withinHours, String team, RagRating rag,
                        String sourceAgencyId, int page, int size) {
    }

    /** One line of the queue. */
    public record Item(UUID contactId, UUID childId, Instant receivedAt, String referrerAgencyId, String team,
                       RagRating rag, Instant dueAt, boolean overdue, boolean decided, boolean awaitingInformation,
                       boolean disagreementOpen) {
    }

    /** A page of items, and how many match in all. */
    public record Page(List<Item> items, int page, int size, int total) {
    }

    private final JdbcClient jdbc;
    private final ContactClock contactClock;
    private final Clock clock;

    public WorkQueue(JdbcClient jdbc, ContactClock contactClock, Clock clock) {
        this.jdbc = jdbc;
        this.contactClock = contactClock;
        this.clock = clock;
    }

    public Page find(Query q) {
        Instant now = clock.instant();
        List<Item> all = jdbc.sql("SELECT " + Contacts.COLUMNS + ", " + Contacts.DECIDED + """
                         AS decided,
                        (SELECT r.rating FROM rag_rating r JOIN contact v ON v.id = r.contact_id
                          WHERE r.superseded_by IS NULL AND (v.id = c.id OR (v.source_agency_id = c.source_agency_id
                                AND v.partner_record_id = c.partner_record_id))
                          ORDER BY r.rated_at DESC LIMIT 1) AS rating,
                        EXISTS (SELECT 1 FROM information_request i WHERE i.contact_id = c.id AND i.received_at IS NULL)
                          AS awaiting,
                        EXISTS (SELECT 1 FROM escalation e WHERE e.kind = 'professional-disagreement'
                                AND e.subject_type = 'contact' AND e.subject_id = c.id AND e.status = 'open')
                          AS disputed
                        FROM contact c
                        WHERE c.partnership_id = :partnership AND c.superseded_by IS NULL
                          AND (CAST(:team AS text) IS NULL OR c.team = :team)
                          AND (CAST(:agency AS text) IS NULL OR c.referrer_agency_id = :agency)
                        """)
                .param("partnership", q.partnershipId()).param("team", q.team()).param("agency", q.sourceAgencyId())
                .query((rs, n) -> {
                    Contact c = Contacts.map(rs, n);
                    RagRating rag = rs.getString("rating") == null ? null : RagRating.of(rs.getString("rating")).orElseThrow();
                    Instant due = contactClock.dueAt(c.receivedAt(), rag);
                    boolean decided = rs.getBoolean("decided");
                    return new Item(c.id(), c.childId(), c.receivedAt(), c.referrerAgencyId(), c.team(), rag, due,
                            !decided && due.isBefore(now), decided, rs.getBoolean("awaiting"), rs.getBoolean("disputed"));
                }).list();
        Instant horizon = now.plus(Duration.ofHours(q.withinHours()));
        Predicate<Item> inView = switch (q.view()) {
            case DUE -> i -> !i.decided() && !i.dueAt().isBefore(now) && !i.dueAt().isAfter(horizon);
            case OVERDUE -> Item::overdue;
            case AWAITING_INFORMATION -> i -> !i.decided() && i.awaitingInformation();
            case DISAGREEMENTS -> Item::disagreementOpen;
            case ALL -> i -> !i.decided() || i.disagreementOpen();
        };
        List<Item> matching = new ArrayList<>(all.stream()
                .filter(inView).filter(i -> q.rag() == null || q.rag() == i.rag()).toList());
        matching.sort(Comparator.comparing(Item::dueAt).thenComparing(Item::contactId));
        int from = Math.min(q.page() * q.size(), matching.size());
        int to = Math.min(from + q.size(), matching.size());
        return new Page(List.copyOf(matching.subList(from, to)), q.page(), q.size(), matching.size());
    }
}
