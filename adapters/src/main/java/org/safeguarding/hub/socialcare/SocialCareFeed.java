package org.safeguarding.hub.socialcare;

import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.JsonFeed;
import org.safeguarding.hub.intake.JsonRecord;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.partner.Feed;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The children's social care extract (docs/feeds/social-care.schema.json): referrals, assessments,
 * section 47 enquiries, initial child protection conferences, child protection plans, periods in
 * care and return interviews after a missing episode. Each step may name the step it follows
 * (docs/pathway.md): the council's own record id for its own records, the hub's id for a MASH
 * record, the police's reference for a missing episode. References are kept as sent; the hub
 * resolves them (and, where none is sent, its configured matching rules) after the message is stored.
 */
public final class SocialCareFeed extends JsonFeed {

    static final Set<String> TYPES = Set.of("referral", "early-help-assessment", "assessment", "section-47", "icpc", "child-protection-plan",
            "period-in-care", "return-interview");

    @Override
    public Feed feed() {
        return Feed.SOCIAL_CARE;
    }

    @Override
    protected CanonicalFact fact(String type, String recordId, JsonRecord r, ParseContext context) {
        Map<String, Object> v = new HashMap<>();
        String table = switch (type) {
            case "referral" -> {
                v.put("referred_at", Checks.notFuture(r.field("referredAt"), r.instant("referredAt", true), context));
                v.put("mash_referral_ref", r.optionalText("mashReferralId"));
                v.put("contact_ref", r.optionalText("contactId"));
                yield "referral";
            }
            case "early-help-assessment" -> {
                // The council's own early help service: the denominator of "early help assessments
                // completed by partners" (004:L2412, 73% by education) counts every agency's, so the
                // council's are kept with the partners' (education_event, kind early-help-assessment).
                v.put("kind", "early-help-assessment");
                v.put("occurred_on", Checks.notFuture(r.field("completedOn"), r.date("completedOn", true), context));
                yield "education_event";
            }
            case "assessment" -> {
                span(r, "startedOn", "completedOn", v, context);
                v.put("referral_ref", r.optionalText("referralRecordId"));
                yield "assessment";
            }
            case "section-47" -> {
                span(r, "startedOn", "completedOn", v, context);
                v.put("outcome", r.code("outcome", Set.of("no-further-action", "icpc", "child-in-need", "other"), false));
                v.put("strategy_discussion_ref", r.optionalText("strategyDiscussionId"));
                yield "section47_enquiry";
            }
            case "icpc" -> {
                v.put("held_on", Checks.notFuture(r.field("heldOn"), r.date("heldOn", true), context));
                v.put("outcome", r.code("outcome", Set.of("plan", "no-plan"), false));
                v.put("section47_ref", r.optionalText("section47RecordId"));
                v.put("strategy_discussion_ref", r.optionalText("strategyDiscussionId"));
                yield "icpc";
            }
            case "child-protection-plan" -> {
                span(r, "startedOn", "endedOn", v, context);
                v.put("category", r.code("category", Set.of("neglect", "physical", "emotional", "sexual", "multiple"), false));
                v.put("icpc_ref", r.optionalText("icpcRecordId"));
                yield "child_protection_plan";
            }
            case "period-in-care" -> {
                span(r, "startedOn", "endedOn", v, context);
                v.put("legal_status", r.optionalText("legalStatus"));
                yield "period_in_care";
            }
            case "return-interview" -> {
                Instant offered = Checks.notFuture(r.field("offeredAt"), r.instant("offeredAt", true), context);
                Instant held = Checks.notFuture(r.field("heldAt"), r.instant("heldAt", false), context);
                Checks.inOrder(r.field("offeredAt"), offered, r.field("heldAt"), held);
                v.put("offered_at", offered);
                v.put("held_at", held);
                JsonRecord episode = r.object("missingEpisode", false);
                if (episode != null) {
                    // The police's own reference for the episode, and which police agency (when
                    // several serve the partnership); the hub finds the episode after storing.
                    v.put("missing_episode_ref", episode.text("recordId"));
                    v.put("missing_episode_agency_id", episode.optionalText("agency"));
                }
                yield "return_interview";
            }
            default -> throw unknownType(r, type, TYPES);
        };
        return new CanonicalFact(table, recordId, v);
    }

    /** A start date (required) and an optional end not before it, as snake_case columns. */
    private static void span(JsonRecord r, String start, String end, Map<String, Object> v, ParseContext context) {
        LocalDate from = Checks.notFuture(r.field(start), r.date(start, true), context);
        LocalDate to = Checks.notFuture(r.field(end), r.date(end, false), context);
        Checks.inOrder(r.field(start), from, r.field(end), to);
        v.put(column(start), from);
        v.put(column(end), to);
    }

    private static final java.util.regex.Pattern CAPITAL = java.util.regex.Pattern.compile("([A-Z])");

    private static String column(String camel) {
        return CAPITAL.matcher(camel).replaceAll("_$1").toLowerCase(java.util.Locale.ROOT);
    }
}
