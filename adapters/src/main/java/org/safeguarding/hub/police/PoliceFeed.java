package org.safeguarding.hub.police;

import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.JsonFeed;
import org.safeguarding.hub.intake.JsonRecord;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.intake.RecordRejected;
import org.safeguarding.hub.partner.Feed;

import java.time.Instant;
import java.util.Set;

/**
 * The police feed (docs/feeds/police.schema.json): incident notifications, domestic abuse
 * notifications with what Operation Encompass needs (incident time, child present; the school when
 * the police know it),
 * missing episodes, exploitation risk assessments, persons posing a risk, strategy discussion attendance.
 */
public final class PoliceFeed extends JsonFeed {

    static final Set<String> TYPES = Set.of("incident", "domestic-abuse", "missing-episode", "exploitation-risk",
            "person-posing-risk", "strategy-discussion-attendance");

    /** The codes (type, exploitationType, level), required members and lengths are the schema's to check. */
    public PoliceFeed() {
        super("police.schema.json");
    }

    @Override
    public Feed feed() {
        return Feed.POLICE;
    }

    @Override
    protected CanonicalFact fact(String type, String recordId, JsonRecord r, ParseContext context) {
        switch (type) {
            case "incident", "domestic-abuse" -> {
                Instant incident = Checks.notFuture(r.field("incidentAt"), r.instant("incidentAt", true), context);
                boolean encompass = type.equals("domestic-abuse");
                Boolean childPresent = r.bool("childPresent", encompass);
                // The school is optional: the hub finds the child's current school from the education feeds
                // (encompass.EncompassNotices), and a child with no known school goes to a review list.
                JsonRecord school = r.object("school", false);
                String urn = school == null ? null : school.text("urn");
                String schoolName = school == null ? null : school.optionalText("name");
                Instant notified = Checks.notFuture(r.field("schoolNotifiedAt"), r.instant("schoolNotifiedAt", false), context);
                Checks.inOrder(r.field("incidentAt"), incident, r.field("schoolNotifiedAt"), notified);
                return new CanonicalFact.PoliceNotification(recordId, type, incident, childPresent, urn, schoolName,
                        notified, r.optionalText("summary"));
            }
            case "missing-episode" -> {
                Instant reported = Checks.notFuture(r.field("reportedAt"), r.instant("reportedAt", true), context);
                Instant ended = Checks.notFuture(r.field("endedAt"), r.instant("endedAt", false), context);
                Checks.inOrder(r.field("reportedAt"), reported, r.field("endedAt"), ended);
                return new CanonicalFact.MissingEpisode(recordId, reported, ended);
            }
            case "exploitation-risk" -> {
                // 004:L1709-1714: Emerging, Moderate, Significant; "Actual" for child sexual exploitation only.
                String kind = r.code("exploitationType");
                String level = r.code("level");
                if (level.equals("actual") && !kind.equals("cse")) {
                    throw new RecordRejected(r.field("level"), "'Actual' is a level for child sexual exploitation (cse) only",
                            level);
                }
                return new CanonicalFact.ExploitationRiskAssessment(recordId, kind, level,
                        Checks.notFuture(r.field("assessedAt"), r.instant("assessedAt", true), context));
            }
            case "person-posing-risk" -> {
                String reference = r.text("policeReference");
                String summary = r.text("riskSummary");
                return new CanonicalFact.PersonPosingRisk(recordId, reference, summary,
                        Checks.notFuture(r.field("recordedOn"), r.date("recordedOn", true), context));
            }
            case "strategy-discussion-attendance" -> {
                Instant held = Checks.notFuture(r.field("heldAt"), r.instant("heldAt", true), context);
                // The MASH's id for the discussion, when the police know it (docs/pathway.md).
                String discussion = r.optionalText("strategyDiscussionId");
                // 001:L3757 police take part "as a minimum": the attendance row records whether they did.
                return new CanonicalFact.StrategyDiscussion(recordId, held, discussion,
                        new CanonicalFact.Attendance(context.agencyId(), r.bool("attended", true)));
            }
            default -> throw unknownType(r, type, TYPES);
        }
    }
}
