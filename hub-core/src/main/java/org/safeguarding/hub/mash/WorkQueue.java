package org.safeguarding.hub.mash;

import org.safeguarding.hub.validation.Codes;
import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The MASH lead's queue: undecided contacts due soon or overdue, contacts awaiting partner
 * information, and decisions under an open professional disagreement. Each contact's rating and due
 * time are its state (ContactStates), so the database filters and pages the queue.
 */
public final class WorkQueue {

    /**
     * Which part of the queue, with its code (the API's {@code view} parameter) and its words on the
     * screen, in the screen's order.
     */
    public enum View {
        // Declaration order is the API's ("one of due, overdue, ..."); the screen's is screenOrder().
        DUE("Due in 24 hours"), OVERDUE("Overdue"), AWAITING_INFORMATION("Awaiting partner information"),
        DISAGREEMENTS("Under disagreement"), ALL("All open work");

        private final String title;

        View(String title) {
            this.title = title;
        }

        /** The view's code: its name in lower case with hyphens, e.g. {@code awaiting-information}. */
        public String code() {
            return Codes.of(this);
        }

        /** The views in the order the queue page offers them, all open work first. */
        public static List<View> screenOrder() {
            return List.of(ALL, OVERDUE, DUE, AWAITING_INFORMATION, DISAGREEMENTS);
        }

        /** The words the screen shows (DUE's are the screen's own 24-hour window). */
        public String title() {
            return title;
        }

        /** The view whose {@link #code()} is {@code code}, ignoring case and '-' or '_'; empty for any other text. */
        public static Optional<View> of(String code) {
            return Arrays.stream(values()).filter(v -> v.name().equalsIgnoreCase(code.replace('-', '_'))).findFirst();
        }
    }

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

    private static final String AWAITING = """
            EXISTS (SELECT 1 FROM information_request i WHERE i.contact_id = c.id AND i.received_at IS NULL)""";
    private static final String DISPUTED = """
            EXISTS (SELECT 1 FROM escalation e WHERE e.kind = 'professional-disagreement'
                    AND e.subject_type = 'contact' AND e.subject_id = c.id AND e.status = 'open')""";

    private final JdbcClient jdbc;
    private final Clock clock;

    public WorkQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The page of the queue {@code q} asks for, earliest due first; filtering, counting and paging
     * are done by the database on the contacts' state columns (V45 index contact_open_due).
     */
    public Page find(Query q) {
        Instant now = clock.instant();
        String inView = switch (q.view()) {
            case DUE -> ContactStates.OPEN + " AND c.due_at >= :now AND c.due_at <= :horizon";
            case OVERDUE -> ContactStates.OPEN + " AND c.due_at < :now";
            case AWAITING_INFORMATION -> ContactStates.OPEN + " AND " + AWAITING;
            case DISAGREEMENTS -> "c.superseded_by IS NULL AND " + DISPUTED;
            case ALL -> "c.superseded_by IS NULL AND (c.decision_id IS NULL OR " + DISPUTED + ")";
        };
        String where = """
                 FROM contact c
                WHERE c.partnership_id = :partnership AND %s
                  AND (CAST(:team AS text) IS NULL OR c.team = :team)
                  AND (CAST(:agency AS text) IS NULL OR c.referrer_agency_id = :agency)
                  AND (CAST(:rag AS text) IS NULL OR c.rating = :rag)
                """.formatted(inView);
        Map<String, Object> params = new HashMap<>();
        params.put("partnership", q.partnershipId());
        params.put("now", SqlTime.utc(now));
        params.put("horizon", SqlTime.utc(now.plus(Duration.ofHours(q.withinHours()))));
        params.put("team", q.team());
        params.put("agency", q.sourceAgencyId());
        params.put("rag", q.rag() == null ? null : q.rag().code());
        int total = jdbc.sql("SELECT count(*)" + where).params(params).query(Integer.class).single();
        List<Item> items = jdbc.sql("SELECT " + Contacts.COLUMNS + """
                        , c.rating, c.due_at, c.decision_id IS NOT NULL AS decided,
                        """ + AWAITING + " AS awaiting, " + DISPUTED + " AS disputed" + where
                        + " ORDER BY c.due_at NULLS LAST, c.id LIMIT :size OFFSET :offset")
                .params(params).param("size", q.size()).param("offset", (long) q.page() * q.size())
                .query((rs, n) -> {
                    Contact c = Contacts.map(rs, n);
                    RagRating rag = rs.getString("rating") == null ? null : RagRating.of(rs.getString("rating")).orElseThrow();
                    Instant due = SqlTime.instant(rs, "due_at");
                    boolean decided = rs.getBoolean("decided");
                    return new Item(c.id(), c.childId(), c.receivedAt(), c.referrerAgencyId(), c.team(), rag, due,
                            !decided && due != null && due.isBefore(now), decided, rs.getBoolean("awaiting"),
                            rs.getBoolean("disputed"));
                }).list();
        return new Page(items, q.page(), q.size(), total);
    }

    /** The agencies that referred any of the partnership's contacts (any version), by id: the queue's filter. */
    public List<String> referrers(String partnershipId) {
        return jdbc.sql("SELECT DISTINCT referrer_agency_id FROM contact WHERE partnership_id = :partnership ORDER BY 1")
                .param("partnership", partnershipId).query(String.class).list();
    }
}
