package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.bounds.ServedDates;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.security.Role;
import org.safeguarding.hub.validation.StorableText;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * The board's and leads' scorecard actions, one set of rules for the API and the page: commentary by
 * the measure's owner agency, and publishing (freezing) a closed period now by the roles the partnership
 * lets publish ({@code hub.scorecard.publishers}).
 */
@Component
class ScorecardActions {

    private final Scorecard scorecard;
    private final Commentary commentary;
    private final PartnerRegistry registry;
    private final Clock clock;
    private final ServedDates served;
    private final List<Role> publishers;

    ScorecardActions(Scorecard scorecard, Commentary commentary, PartnerRegistry registry, Clock clock,
                     ServedDates served, ScorecardProperties settings) {
        this.scorecard = scorecard;
        this.commentary = commentary;
        this.registry = registry;
        this.clock = clock;
        this.served = served;
        // Each a staff role (checked at start-up, ScorecardProperties).
        this.publishers = settings.publishers().stream().map(Role::fromName).flatMap(Optional::stream).toList();
    }

    /** A period published now, with its entries. */
    record Publication(Period period, List<ScorecardEntry> entries) {
    }

    /** The longest commentary, in characters: a section of a board paper, not a document. */
    static final int MAX_COMMENTARY = 10_000;

    /**
     * Adds the writer's commentary on a measure for a period. Commentary explains a period's figures
     * (004:L2424), so it is written once the period has ended, not on figures that are still changing.
     *
     * @throws HubProblem 404 for an unknown measure; 403 unless the writer's agency is of the measure's
     *                    owner kind; 400 ({@code period}) for a period that has not ended; 400 ({@code /text})
     *                    "Enter a commentary" when the text is missing or blank, "Commentary must be 10,000
     *                    characters or fewer" when longer, or when it holds characters that cannot be stored
     */
    Comment comment(HubUser user, String partnership, Period period, String measure, String text) {
        MeasureDefinition m = requireCommentator(user, measure);
        if (!isClosed(period)) {
            throw HubProblem.badRequest("Commentary can be added once the period has ended: " + period.label()
                    + " is still open and its figures are provisional", "period");
        }
        if (text == null || text.isBlank()) {
            throw HubProblem.badRequest("Enter a commentary", "/text");
        }
        if (text.length() > MAX_COMMENTARY) {
            throw HubProblem.badRequest(String.format("Commentary must be %,d characters or fewer (this one has %,d)",
                    MAX_COMMENTARY, text.length()), "/text");
        }
        StorableText.problem(text).ifPresent(reason -> {
            throw HubProblem.badRequest("text " + reason, "/text");
        });
        return commentary.add(partnership, m.id(), period, user.name(), user.agencyId(), text);
    }

    /**
     * The measure whose commentary {@code user} may write: the commentary is its owner's (DOMAIN, measure
     * owners), so the writer's agency must be of the measure's owner kind.
     *
     * @throws HubProblem 404 for an unknown measure; 403 for a writer of another agency kind
     */
    MeasureDefinition requireCommentator(HubUser user, String measure) {
        MeasureDefinition m = scorecard.catalogue().measure(measure)
                .orElseThrow(() -> HubProblem.notFound("no measure '" + measure + "'"));
        String kind = user.agencyId() == null ? null
                : registry.agency(user.agencyId()).map(Agency::kind).map(k -> k.code()).orElse(null);
        if (!m.owner().equals(kind)) {
            throw HubProblem.forbidden("commentary on " + m.id() + " is written by its owner (" + m.owner() + " agency)");
        }
        return m;
    }

    /** True when the period has ended in England (Europe/London), so that it may be published. */
    boolean isClosed(Period period) {
        return period.isClosedOn(LocalDate.now(clock.withZone(ZoneId.of("Europe/London"))));
    }

    /**
     * True when a period's figures are provisional, so that readers are told they will change: the period has
     * not ended, it has no published figures yet ({@code publishedAt} null), or they were published before it
     * ended (midnight after its last day, UK time), so late records of its last days are missing.
     */
    boolean isProvisional(Period period, java.time.Instant publishedAt) {
        return !isClosed(period) || publishedAt == null
                || publishedAt.isBefore(period.lastDay().plusDays(1).atStartOfDay(ZoneId.of("Europe/London")).toInstant());
    }

    /** True when {@code user} holds one of the roles the partnership lets publish ({@code hub.scorecard.publishers}). */
    boolean mayPublish(HubUser user) {
        return publishers.stream().anyMatch(user::has);
    }

    /** @throws HubProblem 403 naming the roles that may publish in words ({@link Role#peopleInWords}), unless {@link #mayPublish} */
    void requirePublisher(HubUser user) {
        if (!mayPublish(user)) {
            // In words, no role ids or setting names: staff read this on the refusal page (issue 14).
            throw HubProblem.forbidden("publishing a period is for " + Role.peopleInWords(publishers));
        }
    }

    /**
     * Publishes (freezes) closed period {@code label} of {@code partnership} now, instead of waiting for
     * the scheduled route; the partnership has been checked to be the user's.
     *
     * @param field the name the label came in (API: {@code period}; page: {@code publish-period}), for a 400
     * @throws HubProblem 403 unless the user holds a publishing role ({@code hub.scorecard.publishers},
     *                    default mash-lead and hub-admin); then 400 naming {@code field} for a malformed or
     *                    unserved label ({@link ServedPeriods#check}) or a period that has not ended
     */
    Publication publish(HubUser user, String partnership, String label, String field) {
        requirePublisher(user);
        Period period = publishable(label, field);
        return new Publication(period, scorecard.publish(partnership, period));
    }

    /**
     * The period {@code label} names, when it may be published: served and ended.
     *
     * @throws HubProblem 400 naming {@code field} for a malformed or unserved label ({@link ServedPeriods#check})
     *                    or a period that has not ended
     */
    Period publishable(String label, String field) {
        Period period = ServedPeriods.check(served, label, field);
        if (!isClosed(period)) {
            throw HubProblem.badRequest("period " + period.label() + " has not ended; only closed periods are published",
                    field);
        }
        return period;
    }
}
