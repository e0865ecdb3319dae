package org.safeguarding.hub.mash;

import org.safeguarding.hub.security.Callers;
import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.Codes;
import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.JsonBodies;
import org.safeguarding.hub.web.JsonBody;
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
import java.util.UUID;

/**
 * The MASH API: child-level, for MASH practitioners and leads of the partnership in the path only
 * (method security: the role, then {@code @partnerships}, before anything is read). Thin: reads the
 * body into its request record ({@link MashRequests}, {@link JsonBodies}) and hands over to
 * {@link MashDesk} and {@link WorkQueue}.
 */
@RestController
@RequestMapping(path = "/api/v1/mash/{partnershipId}", produces = MediaType.APPLICATION_JSON_VALUE)
@PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead') and @partnerships.allows(principal, #partnershipId)")
class MashController {

    /** {@code 201} of a step change. */
    record StepChangeRecorded(UUID stepChangeId) {
    }

    /** {@code 201} of an information request. */
    record InformationRequested(UUID informationRequestId) {
    }

    private final MashDesk desk;
    private final ContactViews contacts;
    private final WorkQueue queue;
    private final JsonBodies bodies;
    private final Clock clock;

    MashController(MashDesk desk, ContactViews contacts, WorkQueue queue, JsonBodies bodies, Clock clock) {
        this.desk = desk;
        this.contacts = contacts;
        this.queue = queue;
        this.bodies = bodies;
        this.clock = clock;
    }

    @GetMapping("/queue")
    WorkQueue.Page queue(@PathVariable String partnershipId,
                         @RequestParam(defaultValue = "all") String view,
                         @RequestParam(name = "within-hours", defaultValue = "24") int withinHours,
                         @RequestParam(required = false) String team, @RequestParam(required = false) String rag,
                         @RequestParam(name = "source-agency", required = false) String sourceAgency,
                         @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        WorkQueue.View v = WorkQueue.View.of(view).orElseThrow(
                () -> HubProblem.badRequest(org.safeguarding.hub.validation.Codes.oneOf(WorkQueue.View.class), "view"));
        if (withinHours < 1 || withinHours > 24 * 31) {
            throw HubProblem.badRequest("between 1 and 744", "within-hours");
        }
        if (page < 0 || size < 1 || size > 200) {
            throw HubProblem.badRequest("page >= 0 and size 1 to 200", size < 1 || size > 200 ? "size" : "page");
        }
        RagRating rating = rag == null ? null : Codes.require(RagRating.class, rag, "rag");
        return queue.find(new WorkQueue.Query(partnershipId, v, withinHours, team, rating, sourceAgency, page, size));
    }

    @GetMapping("/contacts/{contactId}")
    ContactView contact(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                        @PathVariable String partnershipId, @PathVariable UUID contactId) {
        return contacts.view(Callers.actor(user, request), partnershipId, contactId);
    }

    @PostMapping(path = "/contacts/{contactId}/rag", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.RatingResult> rate(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                               @PathVariable String partnershipId, @PathVariable UUID contactId,
                                               @RequestBody String body) {
        JsonBody<MashRequests.Rating> rating = bodies.read(body, MashRequests.Rating.class);
        return created(desk.rate(Callers.actor(user, request), partnershipId, contactId, rating.value().rating(),
                rating.raw()));
    }

    @PostMapping(path = "/contacts/{contactId}/decision", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.DecisionResult> decide(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                   @PathVariable String partnershipId, @PathVariable UUID contactId,
                                                   @RequestBody String body) {
        JsonBody<MashRequests.Decision> decision = bodies.read(body, MashRequests.Decision.class);
        return created(desk.decide(Callers.actor(user, request), partnershipId, decision(user, contactId, decision.value()),
                decision.value().replacesDecisionId(), decision.raw()));
    }

    /** Late data: a decision on a referral the feed has not delivered yet (see README). */
    @PostMapping(path = "/held-decisions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.DecisionResult> hold(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                 @PathVariable String partnershipId, @RequestBody String body) {
        JsonBody<MashRequests.HeldDecision> held = bodies.read(body, MashRequests.HeldDecision.class);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(desk.hold(Callers.actor(user, request), partnershipId,
                held.value().referrerAgency(), held.value().partnerRecordId(), decision(user, null, held.value()),
                held.raw()));
    }

    @PostMapping(path = "/children/{childId}/strategy-discussions", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<MashDesk.StrategyResult> strategyDiscussion(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                         @PathVariable String partnershipId, @PathVariable UUID childId,
                                                         @RequestBody String body) {
        JsonBody<MashRequests.StrategyDiscussion> discussion = bodies.read(body, MashRequests.StrategyDiscussion.class);
        List<MashDesk.Attendance> attendance = discussion.value().attendance().stream()
                .map(line -> new MashDesk.Attendance(line.agency(), line.attended())).toList();
        return created(desk.recordStrategyDiscussion(Callers.actor(user, request), partnershipId, childId,
                discussion.value().contactId(), discussion.value().heldAt(), attendance, discussion.raw()));
    }

    /** The child's strategy discussions with attendance, oldest first (audited read; 404 for no such child). */
    @GetMapping("/children/{childId}/strategy-discussions")
    List<MashDesk.StrategyDiscussion> strategyDiscussions(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                          @PathVariable String partnershipId, @PathVariable UUID childId) {
        return desk.strategyDiscussions(Callers.actor(user, request), partnershipId, childId);
    }

    /** The child's step-ups and step-downs, oldest first (audited read; 404 for no such child). */
    @GetMapping("/children/{childId}/step-changes")
    List<MashDesk.StepChange> stepChanges(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                          @PathVariable String partnershipId, @PathVariable UUID childId) {
        return desk.stepChanges(Callers.actor(user, request), partnershipId, childId);
    }

    @PostMapping(path = "/children/{childId}/step-changes", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<StepChangeRecorded> stepChange(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                  @PathVariable String partnershipId, @PathVariable UUID childId,
                                                  @RequestBody String body) {
        JsonBody<MashRequests.StepChange> step = bodies.read(body, MashRequests.StepChange.class);
        MashRequests.StepChange s = step.value();
        return created(new StepChangeRecorded(desk.stepChange(Callers.actor(user, request), partnershipId, childId,
                s.direction(), s.fromService(), s.toService(), s.reason(), step.raw())));
    }

    @PostMapping(path = "/contacts/{contactId}/information-requests", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<InformationRequested> requestInformation(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                                            @PathVariable String partnershipId, @PathVariable UUID contactId,
                                                            @RequestBody String body) {
        JsonBody<MashRequests.InformationRequest> asked = bodies.read(body, MashRequests.InformationRequest.class);
        return created(new InformationRequested(desk.requestInformation(Callers.actor(user, request), partnershipId,
                contactId, asked.value().agency(), asked.raw())));
    }

    @PostMapping("/information-requests/{requestId}/received")
    ResponseEntity<Void> informationReceived(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                             @PathVariable String partnershipId, @PathVariable UUID requestId) {
        desk.informationReceived(Callers.actor(user, request), partnershipId, requestId);
        return ResponseEntity.noContent().build();
    }

    /** The decision as recorded: decided by the caller (from the token, never the body), now unless stated. */
    private ThresholdDecision decision(HubUser user, UUID contactId, MashRequests.DecisionFields d) {
        return new ThresholdDecision(contactId, new LevelOfNeed(d.levelOfNeed()), d.outcome(), d.rationale(), user.name(),
                d.decidedAt() == null ? clock.instant() : d.decidedAt(), d.contactPerson());
    }

    private static <T> ResponseEntity<T> created(T body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }
}
