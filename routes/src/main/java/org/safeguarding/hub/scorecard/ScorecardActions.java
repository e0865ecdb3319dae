package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.validation.StorableText;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The board's and leads' scorecard actions, one set of rules for the API and the page: commentary by
 * the measure's owner agency, and publishing (freezing) a closed period now.
 */
@Component
class ScorecardActions {

    private final Scorecard scorecard;
    private final Commentary commentary;
    private final PartnerRegistry registry;
    private final Clock clock;

    ScorecardActions(Scorecard scorecard, Commentary commentary, PartnerRegistry registry, Clock clock) {
        this.scorecard = scorecard;
        this.commentary = commentary;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Adds the writer's commentary on a measure for a period.
     *
     * @throws HubProblem 404 for an unknown measure; 403 unless the writer's agency is of the measure's
     *                    owner kind; 400 ({@code /text}) unless the text is 1 to 10,000 storable characters
     */
    Comment comment(HubUser user, String partnership, Period period, String measure, Object text) {
        MeasureDefinition m = scorecard.catalogue().measure(measure)
                .orElseThrow(() -> HubProblem.notFound("no measure '" + measure + "'"));
        String kind = user.agencyId() == null ? null
                : registry.agency(user.agencyId()).map(Agency::kind).map(k -> k.code()).orElse(null);
        if (!m.owner().equals(kind)) {
            throw HubProblem.forbidden("commentary on " + m.id() + " is written by its owner (" + m.owner() + " agency)");
        }
        if (!(text instanceof String s) || s.isBlank() || s.length() > 10_000) {
            throw HubProblem.badRequest("text is required: the commentary, 1 to 10,000 characters", "/text");
        }
        StorableText.problem(s).ifPresent(reason -> {
            throw HubProblem.badRequest("text " + reason, "/text");
        });
        return commentary.add(partnership, m.id(), period, user.name(), user.agencyId(), s);
    }

    /** True when the period has ended in England (Europe/London), so that it may be published. */
    boolean isClosed(Period period) {
        return period.isClosedOn(LocalDate.now(clock.withZone(ZoneId.of("Europe/London"))));
    }

    /**
     * Publishes (freezes) a closed period now, instead of waiting for the scheduled route.
     *
     * @throws HubProblem 400 ({@code period}) when the period has not ended
     */
    List<ScorecardEntry> publish(String partnership, Period period) {
        if (!isClosed(period)) {
            throw HubProblem.badRequest("period " + period.label() + " has not ended; only closed periods are published",
                    "period");
        }
        return scorecard.publish(partnership, period);
    }
}
