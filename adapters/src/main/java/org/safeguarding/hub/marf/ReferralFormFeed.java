package org.safeguarding.hub.marf;

import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.Checks;
import org.safeguarding.hub.intake.ChildFields;
import org.safeguarding.hub.intake.FeedAdapter;
import org.safeguarding.hub.intake.FeedSchema;
import org.safeguarding.hub.intake.JsonBatch;
import org.safeguarding.hub.intake.JsonRecord;
import org.safeguarding.hub.intake.MalformedMessage;
import org.safeguarding.hub.intake.ParseContext;
import org.safeguarding.hub.intake.ParsedMessage;
import org.safeguarding.hub.intake.ParsedRecord;
import org.safeguarding.hub.intake.RecordRejected;
import org.safeguarding.hub.partner.Feed;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;

/**
 * The multi-agency referral form (docs/feeds/marf.schema.json): one form per message, from any
 * partner; it becomes a MASH contact (the MASH's work item) with the referrer, the child, the
 * concerns, the referrer's view of the level of need (1-4) and consent. 002:L185: consent is sought
 * unless doing so would place the child at risk, so "not-sought" and "overridden" need a reason.
 *
 * <p>The contact's clock starts when the MASH received it: the submission time, or an earlier
 * {@code receivedAt} the referrer states (a phone referral typed up later; ISO-8601 instant with
 * offset), never in the future. How much earlier it may be is the hub's configuration, checked
 * after parsing (mash.StatedReceipt, clocks.yml {@code stated-received-at-within}).
 */
public final class ReferralFormFeed implements FeedAdapter {

    /** The form's contract: shape, codes (consent status), lengths, levelOfNeed 1-4 and the reason rule. */
    private static final FeedSchema SCHEMA = FeedSchema.document("marf.schema.json");

    @Override
    public Feed feed() {
        return Feed.MARF;
    }

    @Override
    public ParsedMessage parse(byte[] body, String contentType, ParseContext context) {
        JsonNode root = JsonBatch.read(body);
        if (!root.isObject()) {
            throw new MalformedMessage("/", "The body must be one referral form, a JSON object.");
        }
        // formId names the form (the contact's partner record id), not the message: a corrected form
        // with the same formId is a new message whose record supersedes the earlier contact.
        // The form is the whole document: its fields are named by pointers from the root (/child/upn).
        return new ParsedMessage(null, List.of(JsonBatch.one(root, "", 0, context, SCHEMA, ReferralFormFeed::map)));
    }

    @Override
    public ParsedRecord reparse(String rawRecord, int position, ParseContext context) {
        return JsonBatch.one(JsonBatch.read(rawRecord.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "", position,
                context, SCHEMA, ReferralFormFeed::map);
    }

    private static ParsedRecord.Valid map(JsonRecord form, int position, String raw, ParseContext context) {
        String formId = form.text("formId");
        JsonRecord referrer = form.object("referrer", true);
        ChildDetails child = ChildFields.fromJson(form, context);
        // A stated time within the clock-skew allowance after submission is the submission itself:
        // the MASH had the form by then, and a later start would shorten the clock.
        Instant stated = Checks.notFuture(form.field("receivedAt"), form.instant("receivedAt", false), context);
        Instant received = stated == null || stated.isAfter(context.receivedAt()) ? context.receivedAt() : stated;
        String referrerName = referrer.text("name");
        String referrerRole = referrer.optionalText("role");
        String referrerContact = referrer.optionalText("contact");
        String concerns = form.text("concerns");
        int levelOfNeed = form.integer("levelOfNeed", 1, 4);
        JsonRecord consent = form.object("consent", true);
        String status = consent.code("status");
        String reason = consent.optionalText("reason");
        // The schema requires a reason unless given; a blank one is no reason either (002:L185).
        if (!status.equals("given") && reason == null) {
            throw new RecordRejected(consent.field("reason"), "is required when consent is " + status
                    + " (say why consent was not sought or was overridden)");
        }
        // The referrer's agency is the authenticated agency, never the form's say-so.
        CanonicalFact.Contact contact = new CanonicalFact.Contact(formId, received, context.agencyId(), referrerName,
                referrerRole, referrerContact, concerns, levelOfNeed, status, reason);
        return new ParsedRecord.Valid(position, raw, child, contact, form.names());
    }
}
