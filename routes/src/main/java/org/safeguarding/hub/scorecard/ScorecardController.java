package org.safeguarding.hub.scorecard;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.security.Role;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.JsonBodies;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * The scorecard API. Partnership viewers get disclosure-controlled aggregates only. MASH
 * practitioners and leads of the partnership may ask for {@code view=unsuppressed}: the same
 * aggregates unrounded, because they already see the child-level records behind them; such a
 * read is written to the audit trail. No response carries child-level data.
 */
@RestController
class ScorecardController {

    static final String READERS = "hasAnyRole('partnership-viewer', 'mash-practitioner', 'mash-lead', 'scorecard-reader')";
    /** The partnership named by the request: 404 unless the registry knows it, then 403 unless the caller's. */
    static final String OF_THE_PARTNERSHIP =
            " and @partnerships.exists(#partnership) and @partnerships.allows(principal, #partnership)";

    private final Scorecard scorecard;
    private final ScorecardFhir fhir;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final ServedDates served;
    private final ScorecardActions actions;
    private final JsonBodies bodies;

    ScorecardController(Scorecard scorecard, ScorecardFhir fhir, ScorecardActions actions,
                        AuditTrail audit, TransactionTemplate tx, ServedDates served, JsonBodies bodies) {
        this.bodies = bodies;
        this.scorecard = scorecard;
        this.fhir = fhir;
        this.actions = actions;
        this.audit = audit;
        this.tx = tx;
        this.served = served;
    }

    /** A request for one partnership's scorecard for one period: period and view checked (the partnership by method security). */
    private record Request(String partnership, Period period, boolean controlled) {
    }

    private Request request(HubUser user, String partnership, String period, String view, HttpServletRequest http) {
        Period parsed = ServedPeriods.check(served, period, "period");
        boolean controlled = switch (view == null ? "disclosure-controlled" : view) {
            case "disclosure-controlled" -> true;
            case "unsuppressed" -> {
                if (!user.has(Role.MASH_LEAD) && !user.has(Role.MASH_PRACTITIONER)) {
                    throw HubProblem.forbidden("unsuppressed figures are for MASH staff of the partnership only");
                }
                tx.executeWithoutResult(s -> audit.append(new AuditEntry(user.name(), user.agencyId(),
                        user.has(Role.MASH_LEAD) ? "mash-lead" : "mash-practitioner", "scorecard review",
                        "read-unsuppressed-scorecard", "scorecard", partnership + "/" + parsed.label(),
                        http.getRemoteAddr())));
                yield false;
            }
            default -> throw HubProblem.badRequest("view must be disclosure-controlled or unsuppressed", "view");
        };
        return new Request(partnership, parsed, controlled);
    }

    @GetMapping(value = "/api/v1/scorecard/{partnership}/measures", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(READERS + OF_THE_PARTNERSHIP)
    List<MeasureDefinition> measures(@PathVariable String partnership) {
        return scorecard.catalogue().measures();
    }

    @GetMapping(value = "/api/v1/scorecard/{partnership}/{period}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize(READERS + OF_THE_PARTNERSHIP)
    ScorecardJson scorecard(@AuthenticationPrincipal HubUser user, @PathVariable String partnership,
                            @PathVariable String period, @RequestParam(required = false) String view,
                            HttpServletRequest http) {
        Request r = request(user, partnership, period, view, http);
        return ScorecardJson.of(r.partnership(), r.period().label(), r.controlled(), scorecard.catalogue().disclosureRule(),
                view(r));
    }

    @GetMapping(value = "/api/v1/scorecard/{partnership}/{period}/csv", produces = "text/csv")
    @PreAuthorize(READERS + OF_THE_PARTNERSHIP)
    ResponseEntity<String> csv(@AuthenticationPrincipal HubUser user, @PathVariable String partnership,
                               @PathVariable String period, @RequestParam(required = false) String view,
                               HttpServletRequest http) {
        Request r = request(user, partnership, period, view, http);
        String body = ScorecardCsv.write(r.partnership(), r.period().label(), scorecard.catalogue().disclosureRule(),
                r.controlled(), view(r));
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"scorecard-" + r.partnership() + "-"
                        + r.period().label() + ".csv\"").body(body);
    }

    /** The scorecard as a FHIR Bundle of Measure and MeasureReport resources. */
    @GetMapping(value = "/api/v1/scorecard/{partnership}/{period}/fhir", produces = "application/fhir+json")
    @PreAuthorize(READERS + OF_THE_PARTNERSHIP)
    ResponseEntity<String> bundle(@AuthenticationPrincipal HubUser user, @PathVariable String partnership,
                                  @PathVariable String period, @RequestParam(required = false) String view,
                                  HttpServletRequest http) {
        Request r = request(user, partnership, period, view, http);
        return fhirJson(fhir.json(fhir.bundle(r.partnership(), view(r))));
    }

    /** The measure owner's commentary; the writer's agency must be of the measure's owner kind. */
    @PostMapping(value = "/api/v1/scorecard/{partnership}/{period}/measures/{measure}/commentary",
            consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('partnership-viewer', 'mash-lead')" + OF_THE_PARTNERSHIP)
    ResponseEntity<Comment> comment(@AuthenticationPrincipal HubUser user, @PathVariable String partnership,
                                    @PathVariable String period, @PathVariable String measure,
                                    @RequestBody(required = false) String body, HttpServletRequest http) {
        Request r = request(user, partnership, period, null, http);
        // Who may write is settled before the body is read, as everywhere: a non-owner's bad body is a 403.
        actions.requireCommentator(user, measure);
        Commentary commentary = bodies.read(body, Commentary.class).value();
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(actions.comment(user, r.partnership(), r.period(), measure, commentary.text()));
    }

    /** {@code POST .../measures/{measure}/commentary}: {"text": "..."}; its rules are {@link ScorecardActions#comment}'s. */
    record Commentary(String text) {
    }

    /**
     * Publishes (freezes) a closed period now, instead of waiting for the scheduled route: the roles of
     * {@code hub.scorecard.publishers} only ({@link ScorecardActions#publish}; the method security is their outer bound).
     */
    @PostMapping(path = "/api/v1/scorecard/{partnership}/{period}/publication", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead', 'partnership-viewer', 'hub-admin')" + OF_THE_PARTNERSHIP)
    ResponseEntity<ScorecardJson> publish(@AuthenticationPrincipal HubUser user, @PathVariable String partnership,
                                          @PathVariable String period) {
        ScorecardActions.Publication published = actions.publish(user, partnership, period, "period");
        return ResponseEntity.status(HttpStatus.CREATED).body(ScorecardJson.of(partnership, published.period().label(),
                true, scorecard.catalogue().disclosureRule(), published.entries()));
    }

    /** The entries for the request; figures leave the MASH only as publications, so an unpublished period is a 404. */
    private List<ScorecardEntry> view(Request r) {
        try {
            return scorecard.view(r.partnership(), r.period(), r.controlled());
        } catch (PeriodNotPublished e) {
            throw HubProblem.notFound(e.getMessage());
        }
    }

    private static ResponseEntity<String> fhirJson(String json) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/fhir+json")).body(json);
    }
}
