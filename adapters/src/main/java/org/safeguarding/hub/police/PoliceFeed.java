package org.safeguarding.hub.police;

import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.JsonFeed;
import org.safeguarding.hub.intake.JsonRecord;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.intake.RecordRejected;
import org.safeguarding.hub.partner.Feed;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The police feed (docs/feeds/police.schema.json): incident notifications, domestic abuse
 * notifications with what Operation Encompass needs (school, incident time, child present),
 * missing episodes, exploitation risk assessments, persons posing a risk, strategy discussion attendance.
 */
public final class PoliceFeed extends JsonFeed {

    static final Set<String> TYPES = Set.of("incident", "domestic-abuse", "missing-episode", "exploitation-risk",
            "person-posing-risk", "strategy-discussion-attendance");
    // 004:L1709-1714: Emerging, Moderate, Significant; "Actual" for child sexual exploitation only.
    private static final Set<String> LEVELS = Set.of("emerging", "moderate", "significant", "actual");
    private static final Set<String> EXPLOITATION = Set.of("cse", "cce", "other");

    @Override
    public Feed feed() {
        return Feed.POLICE;
    }

    @Override
    protected CanonicalFact fact(String type, String recordId, JsonRecord r, ParseContext context) {
        Map<String, Object> v = new HashMap<>();
        switch (type) {
            case "incident", "domestic-abuse" -> {
                v.put("kind", type);
                v.put("incident_at", Checks.notFuture(r.field("incidentAt"), r.instant("incidentAt", true), context));
                boolean encompass = type.equals("domestic-abuse");
                v.put("child_present", r.bool("childPresent", encompass));
                JsonRecord school = r.object("school", encompass);
                if (school != null) {
                    v.put("school_urn", school.text("urn"));
                    v.put("school_name", school.optionalText("name"));
                }
                Instant notified = Checks.notFuture(r.field("schoolNotifiedAt"), r.instant("schoolNotifiedAt", false), context);
                Checks.inOrder(r.field("incidentAt"), (Instant) v.get("incident_at"), r.field("schoolNotifiedAt"), notified);
                v.put("school_notified_at", notified);
                v.put("summary", r.optionalText("summary"));
                return new CanonicalFact("police_notification", recordId, v);
            }
            case "missing-episode" -> {
                Instant reported = Checks.notFuture(r.field("reportedAt"), r.instant("reportedAt", true), context);
                Instant ended = Checks.notFuture(r.field("endedAt"), r.instant("endedAt", false), context);
                Checks.inOrder(r.field("reportedAt"), reported, r.field("endedAt"), ended);
                v.put("reported_at", reported);
                v.put("ended_at", ended);
                return new CanonicalFact("missing_episode", recordId, v);
            }
            case "exploitation-risk" -> {
                String kind = r.code("exploitationType", EXPLOITATION, true);
                String level = r.code("level", LEVELS, true);
                if (level.equals("actual") && !kind.equals("cse")) {
                    throw new RecordRejected(r.field("level"), "'Actual' is a level for child sexual exploitation (cse) only",
                            level);
                }
                v.put("exploitation_type", kind);
                v.put("level", level);
                v.put("assessed_at", Checks.notFuture(r.field("assessedAt"), r.instant("assessedAt", true), context));
                return new CanonicalFact("exploitation_risk_assessment", recordId, v);
            }
            case "person-posing-risk" -> {
                v.put("police_reference", r.text("policeReference"));
                v.put("risk_summary", r.text("riskSummary"));
                v.put("recorded_on", Checks.notFuture(r.field("recordedOn"), r.date("recordedOn", true), context));
                return new CanonicalFact("person_posing_risk", recordId, v);
            }
            case "strategy-discussion-attendance" -> {
                v.put("held_at", Checks.notFuture(r.field("heldAt"), r.instant("heldAt", true), context));
                // The MASH's id for the discussion, when the police know it (docs/pathway.md).
                v.put("strategy_discussion_ref", r.optionalText("strategyDiscussionId"));
                // 001:L3757 police take part "as a minimum": the attendance row records whether they did.
                Map<String, Object> attendance = new HashMap<>();
                attendance.put("agency_id", context.agencyId());
                attendance.put("attended", r.bool("attended", true));
                return new CanonicalFact("strategy_discussion", recordId, v, List.of(
                        new CanonicalFact.Dependent("strategy_discussion_attendance", "strategy_discussion_id", attendance)));
            }
            default -> throw unknownType(r, type, TYPES);
        }
    }
}
