package org.safeguarding.hub.flags;

import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.outbox.OutboundMessage;
import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * "Child seen at &lt;setting&gt; at &lt;time&gt;": the notice to the owning council when a flagged
 * child is seen in unscheduled care, by a flag query or an ED attendance in the health feed (issue
 * 15). Queued in the outbox in the caller's transaction, one per council, child, setting and
 * <em>local</em> day (Europe/London): its idempotency key is
 * {@code child-seen:<council>:<child id>:<setting agency>:<local date>}, unique in the outbox, so a
 * second query, an attendance the same day, or two of them at the same moment (the loser's
 * {@code INSERT ... ON CONFLICT DO NOTHING} waits for the winner and stores nothing) make no second
 * notice. The setting is the health agency that asked or sent the attendance.
 *
 * <p>Content, the agreed minimum: the setting, when (instant and local time), how the hub learnt it
 * ({@code flag-query} or {@code ed-attendance}), the NHS number that matched, and the council's own
 * record ids of the flagged plans or periods in care. No name, address or clinical detail.
 */
public final class ChildSeenNotices {

    /** The outbox message type. */
    public static final String MESSAGE_TYPE = "child-seen";
    /**
     * Which colon-separated part of a notice's key is the child's id (1-based, as PostgreSQL's
     * {@code split_part} counts): the payload names no child, so {@link ChildSeenLog} reads it from there.
     */
    static final int KEY_CHILD_PART = 3;

    /** A notice's idempotency key: {@code child-seen:<council>:<child id>:<setting agency>:<local date>}. */
    static String key(String councilId, UUID childId, String settingAgencyId, LocalDate localDay) {
        return MESSAGE_TYPE + ":" + councilId + ":" + childId + ":" + settingAgencyId + ":" + localDay;
    }
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Outbox outbox;
    private final AuditTrail audit;
    private final PartnerRegistry registry;
    private final ZoneId zone;

    public ChildSeenNotices(Outbox outbox, AuditTrail audit, PartnerRegistry registry, ZoneId zone) {
        this.outbox = outbox;
        this.audit = audit;
        this.registry = registry;
        this.zone = zone;
    }

    /**
     * Queues one notice per owning council and child of {@code flags}, unless that council was told of
     * that child at that setting on the same local day; each notice queued is audited.
     *
     * @param how {@code flag-query} or {@code ed-attendance}
     */
    public void seen(List<ProtectionFlag> flags, String settingAgencyId, Instant seenAt, String nhsNumber, String how) {
        Map<String, List<ProtectionFlag>> byCouncilAndChild = flags.stream().collect(Collectors.groupingBy(
                f -> f.council().id() + ":" + f.childId(), LinkedHashMap::new, Collectors.toList()));
        ZonedDateTime local = seenAt.atZone(zone);
        for (List<ProtectionFlag> group : byCouncilAndChild.values()) {
            ProtectionFlag first = group.get(0);
            String key = key(first.council().id(), first.childId(), settingAgencyId, local.toLocalDate());
            UUID id = UUID.randomUUID();
            boolean queued = outbox.enqueue(new OutboundMessage(first.partnershipId(), first.council().id(), MESSAGE_TYPE,
                    key, payload(id, group, settingAgencyId, seenAt, local, nhsNumber, how)));
            if (queued) {
                audit.append(new AuditEntry(how, settingAgencyId, "system", SharedPurpose.DIRECT_CARE.code(),
                        "child-seen-notice", "child", first.childId().toString(), null));
            }
        }
    }

    private String payload(UUID id, List<ProtectionFlag> flags, String settingAgencyId, Instant seenAt,
                           ZonedDateTime local, String nhsNumber, String how) {
        String setting = registry.agency(settingAgencyId).map(Agency::name).orElse(settingAgencyId);
        ObjectNode body = JSON.createObjectNode();
        body.put("type", MESSAGE_TYPE);
        body.put("noticeId", id.toString());
        body.put("summary", "child seen at " + setting + " at " + local.toLocalTime().format(TIME) + " on "
                + local.toLocalDate() + " (UK time)");
        body.putObject("setting").put("agency", settingAgencyId).put("name", setting);
        body.put("seenAt", seenAt.toString());
        body.put("localDate", local.toLocalDate().toString());
        body.put("localTime", local.toLocalTime().format(TIME));
        body.put("how", how);
        body.put("nhsNumber", nhsNumber);
        ArrayNode records = body.putArray("yourRecords");
        flags.forEach(f -> records.addObject().put("flag", f.kind().code()).put("recordId", f.councilRecordId())
                .put("startedOn", f.startedOn().toString()));
        return JSON.writeValueAsString(body);
    }
}
