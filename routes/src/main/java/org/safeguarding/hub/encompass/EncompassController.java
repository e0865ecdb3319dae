package org.safeguarding.hub.encompass;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.security.Callers;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Operation Encompass notices. A school's system (role {@code school}, its client in schools.yml)
 * reads and acknowledges the notices about its own pupils only: another school's notice is refused
 * with 403 (and the refusal audited), an unknown one is 404. The MASH staff of a partnership see all
 * its notices; they and its education safeguarding lead see the review list of children with no known
 * school.
 */
@RestController
class EncompassController {

    private final SchoolNotices notices;
    private final SchoolRegister schools;

    EncompassController(SchoolNotices notices, SchoolRegister schools) {
        this.notices = notices;
        this.schools = schools;
    }

    /**
     * {@code GET /api/v1/schools/notices}: the caller's school's notices, newest incident first, at most
     * {@code limit} (1-500); each a {@link SchoolNotice}, the shape the hub posts to schools with an endpoint.
     */
    @GetMapping(path = "/api/v1/schools/notices", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('school')")
    List<SchoolNotice> mine(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                    @RequestParam(defaultValue = "100") int limit) {
        return notices.forSchool(school(user), Callers.actor(user, request), limit(limit));
    }

    @GetMapping(path = "/api/v1/schools/notices/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('school')")
    SchoolNotice one(@AuthenticationPrincipal HubUser user, HttpServletRequest request, @PathVariable UUID id) {
        return refusingOthers(() -> notices.forSchool(school(user), id, Callers.actor(user, request)), id);
    }

    /** {@code POST /api/v1/schools/notices/{id}/acknowledgement}: the DSL has the notice; answers the notice as it now stands. */
    @PostMapping(path = "/api/v1/schools/notices/{id}/acknowledgement", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('school')")
    SchoolNotice acknowledge(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                     @PathVariable UUID id) {
        return refusingOthers(() -> notices.acknowledge(school(user), id, Callers.actor(user, request)), id);
    }

    /**
     * {@code GET /api/v1/mash/{partnershipId}/encompass/notices}: the partnership's notices, of one
     * {@code status} (sent, told-by-police, no-known-school, refused) or all.
     */
    @GetMapping(path = "/api/v1/mash/{partnershipId}/encompass/notices", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead') and @partnerships.allows(principal, #partnershipId)")
    List<SchoolNotices.Notice> ofPartnership(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                             @PathVariable String partnershipId,
                                             @RequestParam(required = false) String status,
                                             @RequestParam(defaultValue = "100") int limit) {
        if (status != null && !SchoolNotices.STATUSES.contains(status)) {
            throw HubProblem.badRequest("status must be one of " + SchoolNotices.STATUSES, "status");
        }
        return notices.forPartnership(partnershipId, status, Callers.actor(user, request), limit(limit));
    }

    /**
     * {@code GET /api/v1/mash/{partnershipId}/encompass/review}: children with no known school, for the
     * partnership's education safeguarding lead (role {@code education-safeguarding-lead}) and its MASH
     * staff; another partnership's list is 403.
     */
    @GetMapping(path = "/api/v1/mash/{partnershipId}/encompass/review", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAnyRole('mash-practitioner', 'mash-lead', 'education-safeguarding-lead')"
            + " and @partnerships.allows(principal, #partnershipId)")
    List<SchoolNotices.Notice> review(@AuthenticationPrincipal HubUser user, HttpServletRequest request,
                                      @PathVariable String partnershipId, @RequestParam(defaultValue = "100") int limit) {
        return notices.forPartnership(partnershipId, "no-known-school", Callers.actor(user, request),
                limit(limit));
    }

    /** The most notices one read answers. */
    static final int MAX_LIMIT = 500;

    /** {@code limit} as asked, or 400 naming it when outside 1 to {@link #MAX_LIMIT} (never a silent clamp). */
    private static int limit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw HubProblem.badRequest("limit must be 1 to " + MAX_LIMIT + ", not " + limit, "limit");
        }
        return limit;
    }

    /** The school the calling system is registered to, from its client id, never from what it sends. */
    private School school(HubUser user) {
        return schools.schoolOfClient(user.clientId()).orElseThrow(() -> HubProblem.forbidden(
                "the calling system is not a school's system in " + SchoolRegister.FILE));
    }

    private static SchoolNotice refusingOthers(Supplier<Optional<SchoolNotice>> read, UUID id) {
        try {
            return read.get().orElseThrow(() -> HubProblem.notFound("no notice " + id + " for your school"));
        } catch (SchoolNotices.NotYourPupil refused) {
            throw HubProblem.forbidden(refused.getMessage());
        }
    }
}
