package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.security.Role;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Quarantine for operators and partners. A partner system lists only its own agency's entries, raw
 * record and rejected value included (its own data, to correct and re-send). A hub administrator
 * lists every agency's entries with the field, the rule broken, agency and position but never the
 * raw record nor the rejected value (child-level content); replay reads the raw record inside the hub.
 */
@RestController
@RequestMapping(path = "/api/v1/intake/quarantine", produces = MediaType.APPLICATION_JSON_VALUE)
class QuarantineController {

    private static final List<String> STATUSES = List.of("open", "replayed", "discarded"); // named in this order

    private final Quarantine quarantine;
    private final IntakePipeline pipeline;
    private final Clock clock;

    QuarantineController(Quarantine quarantine, IntakePipeline pipeline, Clock clock) {
        this.quarantine = quarantine;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('partner-system', 'hub-admin')")
    List<QuarantineEntry> list(@AuthenticationPrincipal HubUser user,
                               @RequestParam(defaultValue = "open") String status,
                               @RequestParam(defaultValue = "100") int limit) {
        if (!STATUSES.contains(status) || limit < 1 || limit > 1000) {
            throw HubProblem.badRequest("status is one of " + STATUSES + "; limit is 1 to 1000", "status");
        }
        boolean partner = user.has(Role.PARTNER_SYSTEM);
        return quarantine.list(partner ? user.agencyId() : null, status, partner, limit);
    }

    /** The replayed record's outcome as a hub administrator may see it: field and rule, never the value. */
    @PostMapping("/{id}/replay")
    @PreAuthorize("hasRole('hub-admin')")
    RecordOutcome replay(@PathVariable UUID id) {
        QuarantineEntry entry = quarantine.find(id).filter(e -> e.status().equals("open"))
                .orElseThrow(() -> HubProblem.notFound("No open quarantine entry " + id + "."));
        FeedAdapter adapter = pipeline.adapter(Feed.fromCode(entry.feed()).orElseThrow());
        try {
            return quarantine.replay(id, e -> adapter.reparse(e.rawRecord(), e.position(),
                    new ParseContext(e.agency(), e.messageReceivedAt())), clock.instant()).withoutValue();
        } catch (MalformedMessage unreadable) {
            // The parser's own message may quote the record (a date HAPI cannot read): only where, for an operator.
            throw new HubProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Record cannot be replayed",
                    "The quarantined record cannot be read as a " + entry.feed() + " record (at " + unreadable.where() + ").");
        } catch (IllegalArgumentException alreadyDone) {
            throw HubProblem.notFound("No open quarantine entry " + id + ".");
        }
    }
}
