package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.web.PageContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Instant;
import java.util.List;

/**
 * The feeds page: per partner agency serving the partnership and feed, when it last sent, how
 * many messages and records, how many were rejected, and what waits in quarantine. Counts only.
 */
@Controller
class FeedsPage {

    private final JdbcClient jdbc;
    private final PageContext pages;

    FeedsPage(JdbcClient jdbc, PageContext pages) {
        this.jdbc = jdbc;
        this.pages = pages;
    }

    /** One partner feed's figures; the rejection rate is rejected / records, as a percentage. */
    record FeedLine(String agencyId, String agency, String feed, Instant lastReceived, long messages, long records,
                    long accepted, long duplicates, long rejected, long quarantineOpen) {

        public String rejectionRate() {
            return records == 0 ? "-" : String.format("%.1f%%", 100.0 * rejected / records);
        }
    }

    @GetMapping("/pages/feeds")
    String page(@AuthenticationPrincipal HubOidcUser principal, @RequestParam(required = false) String partnership,
                Model model) {
        Partnership p = pages.partnership(principal, partnership, model);
        List<FeedLine> lines = jdbc.sql("""
                SELECT m.agency_id, m.feed, max(m.received_at) AS last_received, count(*) AS messages,
                       sum(m.record_count) AS records, sum(m.accepted_count) AS accepted,
                       sum(m.duplicate_count) AS duplicates, sum(m.rejected_count) AS rejected,
                       (SELECT count(*) FROM quarantine q WHERE q.agency_id = m.agency_id AND q.feed = m.feed
                          AND q.status = 'open') AS quarantine_open
                FROM inbound_message m JOIN partnership_agency ap ON ap.agency_id = m.agency_id
                WHERE ap.partnership_id = ? AND m.feed <> 'mash'
                GROUP BY m.agency_id, m.feed ORDER BY m.agency_id, m.feed""")
                .param(p.id())
                .query((rs, n) -> new FeedLine(rs.getString("agency_id"), pages.agencyName(rs.getString("agency_id")),
                        rs.getString("feed"), rs.getTimestamp("last_received").toInstant(), rs.getLong("messages"),
                        rs.getLong("records"), rs.getLong("accepted"), rs.getLong("duplicates"), rs.getLong("rejected"),
                        rs.getLong("quarantine_open"))).list();
        model.addAttribute("feeds", lines);
        return "feeds";
    }
}
