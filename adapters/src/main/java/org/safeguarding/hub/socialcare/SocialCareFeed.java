package org.safeguarding.hub.socialcare;

import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.JsonFeed;
import org.safeguarding.hub.intake.Json;
import org.safeguarding.hub.intake.JsonRecord;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.partner.Feed;

import java.time.Instant;
import java.time.LocalDate;
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

    /** The codes (type, outcome, category), required members and lengths are the schema's to check. */
    public SocialCareFeed() {
        super("social-care.schema.json");
    }

    @Override
    public Feed feed() {
        return Feed.SOCIAL_CARE;
    }

    @Override
    protected CanonicalFact fact(String type, String recordId, JsonRecord r, ParseContext context) {
        return switch (type) {
            case "referral" -> {
                Instant referred = Checks.notFuture(r.field("referredAt"), r.instant("referredAt", true), context);
                String mashReferral = r.optionalText("mashReferralId");
                yield new CanonicalFact.Referral(recordId, referred, mashReferral, r.optionalText("contactId"));
            }
            // The council's own early help service: the denominator of "early help assessments
            // completed by partners" (004:L2412, 73% by education) counts every agency's, so the
            // council's are kept with the partners' (an education event of kind early-help-assessment).
            case "early-help-assessment" -> new CanonicalFact.EducationEvent(recordId, "early-help-assessment",
                    Checks.notFuture(r.field("completedOn"), r.date("completedOn", true), context), new Json("{}"));
            case "assessment" -> {
                Span span = span(r, "startedOn", "completedOn", context);
                yield new CanonicalFact.Assessment(recordId, span.from(), span.to(), r.optionalText("referralRecordId"));
            }
            case "section-47" -> {
                Span span = span(r, "startedOn", "completedOn", context);
                String outcome = r.code("outcome");
                yield new CanonicalFact.Section47Enquiry(recordId, span.from(), span.to(), outcome,
                        r.optionalText("strategyDiscussionId"));
            }
            case "icpc" -> {
                LocalDate held = Checks.notFuture(r.field("heldOn"), r.date("heldOn", true), context);
                String outcome = r.code("outcome");
                String section47 = r.optionalText("section47RecordId");
                yield new CanonicalFact.Icpc(recordId, held, outcome, section47, r.optionalText("strategyDiscussionId"));
            }
            case "child-protection-plan" -> {
                Span span = span(r, "startedOn", "endedOn", context);
                String category = r.code("category");
                yield new CanonicalFact.ChildProtectionPlan(recordId, span.from(), span.to(), category,
                        r.optionalText("icpcRecordId"));
            }
            case "period-in-care" -> {
                Span span = span(r, "startedOn", "endedOn", context);
                yield new CanonicalFact.PeriodInCare(recordId, span.from(), span.to(), r.optionalText("legalStatus"));
            }
            case "return-interview" -> {
                Instant offered = Checks.notFuture(r.field("offeredAt"), r.instant("offeredAt", true), context);
                Instant held = Checks.notFuture(r.field("heldAt"), r.instant("heldAt", false), context);
                Checks.inOrder(r.field("offeredAt"), offered, r.field("heldAt"), held);
                JsonRecord episode = r.object("missingEpisode", false);
                // The police's own reference for the episode, and which police agency (when
                // several serve the partnership); the hub finds the episode after storing.
                String episodeRef = episode == null ? null : episode.text("recordId");
                String episodeAgency = episode == null ? null : episode.optionalText("agency");
                yield new CanonicalFact.ReturnInterview(recordId, offered, held, episodeRef, episodeAgency);
            }
            default -> throw unknownType(r, type, TYPES);
        };
    }

    /** A start date (required) and an optional end not before it. */
    private record Span(LocalDate from, LocalDate to) {
    }

    private static Span span(JsonRecord r, String start, String end, ParseContext context) {
        LocalDate from = Checks.notFuture(r.field(start), r.date(start, true), context);
        LocalDate to = Checks.notFuture(r.field(end), r.date(end, false), context);
        Checks.inOrder(r.field(start), from, r.field(end), to);
        return new Span(from, to);
    }
}
