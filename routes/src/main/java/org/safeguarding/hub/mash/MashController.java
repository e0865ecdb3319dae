package org.safeguarding.hub.mash;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.escalation.Escalation;
import org.safeguarding.hub.escalation.Disagreements;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The MASH API: child-level, for MASH practitioners and leads of the partnership in the path only.
 * Thin: reads the request, checks the caller's partnership, hands over to {@link MashDesk} and
 * {@link WorkQueue}.
 */
@RestController
@RequestMapping(path = "/api/v1/mash/{partnershipId}", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead')")
class MashController {

    private final MashDesk desk;
    private final ContactViews contacts;
    private final WorkQueue queue;
    private final Disagreements disagreements;
    private final Clock clock;

    MashController(MashDesk desk, ContactViews contacts, WorkQueue queue, Disagreements disagreements, Clock clock) {
        this.desk = desk;
        this.contacts = contacts;
        this.queue = queue;
        this.disagreements = disagreements;
        this.clock = clock;
    }

    @GetMapping("/queue")
    WorkQueue.Page queue(@AuthenticationPrincipal HubUser user, @PathVariable String partnershipId,
                         @RequestParam(defaultValue = "all") String view,
                         @RequestParam(name = "within-hours", defaultValue = "24") int withinHours,
                         @RequestParam(required = false) String team, @RequestParam(required = false) String rag,
                         @RequestParam(name = "source-agency", required = false) String sourceAgency,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        Callers.requirePartnership(user, partnershipId);
        WorkQueue.View v;
        try {
            v = WorkQueue.View.valueOf(view.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw HubProblem.badRequest("one of due, overdue, awaiting-information, disagreements, all", "view");
        }
        if (withinHours < 1 || withinHours > 24 * 31) {
            throw HubProblem.badRequest("between 1 and 744", "within-hours");
        }
        if (page < 0 || size < 1 || size > 200) {
            throw HubProblem.badRequest("page >= 0 and size 1 to 200", size < 1 || size > 200 ? "size" : "page");
        }
        RagRating rating = rag == null ? null
                : RagRating.of(rag).orElseThrow(() -> HubProblem.badRequest("one of red, amber, green", "rag"));
        return queue.find(new WorkQueue.Query(partnershipId, v, withinHours, team, rating, sourceAgency, page, size));
    }

    @GetMapping("/contacts/{contactId}")
    ContactView contact(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                        @PathVariable String partnershipId, @PathVariable UUID contactId) {
        Callers.requirePartnership(user, partnershipId);
        return contacts.view(Callers.actor(user, request), partnershipId, contactId);
    }

    @PostMapping(path = "/contacts/{contactId}/rag", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.RatingResult> rate(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                               @PathVariable String partnershipId, @PathVariable UUID contactId,
                                               @RequestBody String body) {
        Callers.requirePartnership(user, partnershipId);
        JsonRequest json = JsonRequest.of(body);
        RagRating rating = RagRating.of(json.requiredText("rating"))
                .orElseThrow(() -> HubProblem.badRequest("one of red, amber, green", "rating"));
        return created(desk.rate(Callers.actor(user, request), partnershipId, contactId, rating, json.raw()));
    }

    @PostMapping(path = "/contacts/{contactId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.DecisionResult> decide(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                   @PathVariable String partnershipId, @PathVariable UUID contactId,
                                                   @RequestBody String body) {
        Callers.requirePartnership(user, partnershipId);
        JsonRequest json = JsonRequest.of(body);
        return created(desk.decide(Callers.actor(user, request), partnershipId, decision(user, contactId, json),
                json.uuid("replacesDecisionId"), json.raw()));
    }

    /** Late data: a decision on a referral the feed has not delivered yet (see README). */
    @PostMapping(path = "/held-decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.DecisionResult> hold(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                 @PathVariable String partnershipId, @RequestBody String body) {
        Callers.requirePartnership(user, partnershipId);
        JsonRequest json = JsonRequest.of(body);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(desk.hold(Callers.actor(user, request), partnershipId,
                json.requiredText("referrerAgency"), json.requiredText("partnerRecordId"), decision(user, null, json),
                json.raw()));
    }

    @PostMapping(path = "/children/{childId}/strategy-discussions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.StrategyResult> strategyDiscussion(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                         @PathVariable String partnershipId, @PathVariable UUID childId,
                                                         @RequestBody String body) {
        Callers.requirePartnership(user, partnershipId);
        JsonRequest json = JsonRequest.of(body);
        if (json.instant("heldAt") == null) {
            throw HubProblem.badRequest("is required", "heldAt");
        }
        List<JsonRequest> lines = json.list("attendance");
        List<MashDesk.Attendance> attendance = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            try {
                attendance.add(new MashDesk.Attendance(lines.get(i).requiredText("agency"), lines.get(i).requiredBoolean("attended")));
            } catch (HubProblem p) {
                throw HubProblem.badRequest(p.getMessage(), "attendance[" + i + "]." + p.violations().get(0).field());
            }
        }
        return created(desk.recordStrategyDiscussion(Callers.actor(user, request), partnershipId, childId,
                json.uuid("contactId"), json.instant("heldAt"), attendance, json.raw()));
    }

    @PostMapping(path = "/children/{childId}/step-changes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, UUID>> stepChange(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                 @PathVariable String partnershipId, @PathVariable UUID childId,
                                                 @RequestBody String body) {
        Callers.requirePartnership(user, partnershipId);
        JsonRequest json = JsonRequest.of(body);
        return created(Map.of("stepChangeId", desk.stepChange(Callers.actor(user, request), partnershipId, childId,
                json.requiredText("direction"), json.requiredText("fromService"), json.requiredText("toService"),
                json.requiredText("reason"), json.raw())));
    }

    @PostMapping(path = "/contacts/{contactId}/information-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, UUID>> requestInformation(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                         @PathVariable String partnershipId, @PathVariable UUID contactId,
                                                         @RequestBody String body) {
        Callers.requirePartnership(user, partnershipId);
        JsonRequest json = JsonRequest.of(body);
        return created(Map.of("informationRequestId", desk.requestInformation(Callers.actor(user, request), partnershipId,
                contactId, json.requiredText("agency"), json.raw())));
    }

    @PostMapping("/information-requests/{requestId}/received")
    ResponseEntity<Void> informationReceived(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                             @PathVariable String partnershipId, @PathVariable UUID requestId) {
        Callers.requirePartnership(user, partnershipId);
        desk.informationReceived(Callers.actor(user, request), partnershipId, requestId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/escalations")
    List<Escalation> escalations(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                 @PathVariable String partnershipId,
                                 @RequestParam(required = false) String status, @RequestParam(required = false) String kind,
                                 @RequestParam(defaultValue = "100") int limit) {
        Callers.requirePartnership(user, partnershipId);
        return disagreements.list(Callers.actor(user, request), partnershipId, status, kind, Math.max(1, Math.min(limit, 500)));
    }

    private ThresholdDecision decision(HubUser user, UUID contactId, JsonRequest json) {
        int level = json.requiredInt("levelOfNeed");
        if (level < 1 || level > 4) {
            throw HubProblem.badRequest("must be 1 to 4 (Right Help, Right Time levels, 004:L2701)", "levelOfNeed");
        }
        DecisionOutcome outcome = DecisionOutcome.of(json.requiredText("outcome")).orElseThrow(() -> HubProblem.badRequest(
                "one of no-further-action, universal, early-help, social-care-assessment, strategy-discussion", "outcome"));
        java.time.Instant decidedAt = json.instant("decidedAt");
        return new ThresholdDecision(contactId, new LevelOfNeed(level), outcome, json.requiredText("rationale"),
                user.name(), decidedAt == null ? clock.instant() : decidedAt, json.text("contactPerson"));
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
