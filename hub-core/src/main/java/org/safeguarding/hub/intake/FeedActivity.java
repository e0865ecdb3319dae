package org.safeguarding.hub.intake;

import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each partner feed has sent, from the message store's receipts (counts only, nothing about a
 * child): the feeds page's figures.
 */
public final class FeedActivity {

    /**
     * One agency's feed: when it last sent (UTC; a message refused whole counts, as {@code messages} counts it), how many messages, and over them how many records
     * were received, accepted, found duplicates or rejected, and how many quarantine entries are open;
     * {@code refusedWhole} counts the messages refused before anything was stored (malformed, too large,
     * no sharing agreement: the audit trail's {@code intake-refused-*} entries), which {@code messages}
     * includes.
     */
    public record Feed(String agencyId, String feed, Instant lastReceived, long messages, long records, long accepted,
                       long duplicates, long rejected, long quarantineOpen, long refusedWhole) {
    }

    private final JdbcClient jdbc;

    public FeedActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Every feed of the agencies serving {@code partnershipId} that has sent at least one message,
     * by agency then feed; the MASH's own recording actions (feed {@code mash}) are not a feed.
     */
    public List<Feed> of(String partnershipId) {
        Map<String, Long> refused = new HashMap<>();
        // When each feed last sent a message refused whole: it sent, so it counts as received (issue 14).
        Map<String, Instant> refusedLast = new HashMap<>();
        jdbc.sql("""
                SELECT a.agency_id, a.entity_id AS feed, count(*) AS refused, max(a.at) AS last_refused
                FROM audit_event a JOIN partnership_agency ap ON ap.agency_id = a.agency_id
                WHERE ap.partnership_id = :partnership AND a.action LIKE 'intake-refused-%' AND a.entity_type = 'feed'
                GROUP BY a.agency_id, a.entity_id""")
                .param("partnership", partnershipId)
                .query(rs -> {
                    refused.put(rs.getString("agency_id") + "/" + rs.getString("feed"), rs.getLong("refused"));
                    refusedLast.put(rs.getString("agency_id") + "/" + rs.getString("feed"), SqlTime.instant(rs, "last_refused"));
                });
        List<Feed> stored = jdbc.sql("""
                SELECT m.agency_id, m.feed, max(m.received_at) AS last_received, count(*) AS messages,
                       sum(m.record_count) AS records, sum(m.accepted_count) AS accepted,
                       sum(m.duplicate_count) AS duplicates, sum(m.rejected_count) AS rejected,
                       (SELECT count(*) FROM quarantine q WHERE q.agency_id = m.agency_id AND q.feed = m.feed
                          AND q.status = 'open') AS quarantine_open
                FROM inbound_message m JOIN partnership_agency ap ON ap.agency_id = m.agency_id
                WHERE ap.partnership_id = :partnership AND m.feed <> 'mash'
                GROUP BY m.agency_id, m.feed ORDER BY m.agency_id, m.feed""")
                .param("partnership", partnershipId)
                .query((rs, n) -> {
                    String key = rs.getString("agency_id") + "/" + rs.getString("feed");
                    long whole = refused.getOrDefault(key, 0L);
                    Instant storedAt = SqlTime.instant(rs, "last_received");
                    Instant refusedAt = refusedLast.get(key);
                    return new Feed(rs.getString("agency_id"), rs.getString("feed"),
                            refusedAt != null && (storedAt == null || refusedAt.isAfter(storedAt)) ? refusedAt : storedAt,
                            rs.getLong("messages") + whole, rs.getLong("records"),
                            rs.getLong("accepted"), rs.getLong("duplicates"), rs.getLong("rejected"),
                            rs.getLong("quarantine_open"), whole);
                }).list();
        // A feed whose every message was refused whole has no stored message, but it has sent: shown too.
        List<Feed> all = new ArrayList<>(stored);
        refused.forEach((key, whole) -> {
            String[] agencyFeed = key.split("/", 2);
            if (stored.stream().noneMatch(f -> f.agencyId().equals(agencyFeed[0]) && f.feed().equals(agencyFeed[1]))) {
                all.add(new Feed(agencyFeed[0], agencyFeed[1], refusedLast.get(key), whole, 0, 0, 0, 0, 0, whole));
            }
        });
        all.sort(Comparator.comparing(Feed::agencyId).thenComparing(Feed::feed));
        return all;
    }
}
