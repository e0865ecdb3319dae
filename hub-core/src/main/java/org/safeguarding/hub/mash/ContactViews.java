package org.safeguarding.hub.mash;

import org.safeguarding.hub.action.MashRefusal;
import org.safeguarding.hub.action.Actor;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.database.SqlTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The MASH's read side of contacts, for the API and the MASH screen alike: a contact with its state
 * and decision ({@link #view}, the one place both read them), the contact screen around it
 * ({@link #screen}) and children's names for the queue. {@link MashDesk} keeps the recording actions.
 */
public final class ContactViews {

    /** What the screens show for a child without a recorded name. */
    public static final String NAME_NOT_KNOWN = "(name not known)";

    /**
     * The contact screen: the contact as {@link #view} reads it, its child's name as shown, the
     * concerns the referrer wrote, and the child's multi-agency timeline (newest first).
     */
    public record Screen(ContactView view, String child, String concerns, List<ChildTimeline.Entry> timeline) {
    }

    private static final String NAME = "trim(coalesce(given_name, '') || ' ' || coalesce(family_name, ''))";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;
    private final Contacts contacts;
    private final ContactStates states;
    private final ChildTimeline timeline;
    private final Clock clock;

    public ContactViews(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit, ContactStates states, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.contacts = new Contacts(jdbc);
        this.states = states;
        this.timeline = new ChildTimeline(jdbc);
        this.clock = clock;
    }

    /**
     * A contact (any version's id; its current version is shown) with its state and decision; the
     * read is audited ({@code contact.read}).
     *
     * @throws MashRefusal not found when the partnership has no such contact
     */
    public ContactView view(Actor actor, String partnershipId, UUID contactId) {
        return tx.execute(status -> {
            Contact contact = contacts.current(contacts.require(partnershipId, contactId));
            audit.append(actor.audit("contact.read", "contact", contact.id()));
            ContactStates.State state = states.of(contact.id(), clock).orElseThrow();
            RecordedDecision decision = state.decisionId() == null ? null : jdbc.sql("""
                    SELECT id, level_of_need, outcome, rationale, decided_by, decided_at, contact_person
                    FROM threshold_decision WHERE id = :id""").param("id", state.decisionId())
                    .query((rs, n) -> new RecordedDecision(rs.getObject("id", UUID.class), rs.getInt("level_of_need"),
                            rs.getString("outcome"), rs.getString("rationale"), rs.getString("decided_by"),
                            SqlTime.instant(rs, "decided_at"), rs.getString("contact_person"))).single();
            return new ContactView(contact, state.rating(), state.dueAt(), state.overdue(), decision);
        });
    }

    /**
     * The contact screen of {@link #view} (audited the same way).
     *
     * @throws MashRefusal not found when the partnership has no such contact
     */
    public Screen screen(Actor actor, String partnershipId, UUID contactId) {
        ContactView view = view(actor, partnershipId, contactId);
        Contact contact = view.contact();
        String concerns = jdbc.sql("SELECT concerns FROM contact WHERE id = :id").param("id", contact.id())
                .query(String.class).single();
        return new Screen(view, childNames(List.of(contact.childId())).get(contact.childId()), concerns,
                timeline.of(contact.childId()));
    }

    /**
     * One information request the MASH made about a contact: the agency asked, when (UTC) and by whom,
     * and when the answer arrived (null while it is awaited).
     */
    public record InformationRequest(UUID id, String agencyId, Instant requestedAt, String requestedBy, Instant receivedAt) {
    }

    /** The requests made about the contact (any version's id), oldest first; empty for an unknown contact. */
    public List<InformationRequest> informationRequests(String partnershipId, UUID contactId) {
        return jdbc.sql("""
                SELECT id, agency_id, requested_at, requested_by, received_at FROM information_request
                WHERE partnership_id = :partnership AND contact_id = :contact ORDER BY requested_at, id""")
                .param("partnership", partnershipId).param("contact", contacts.current(contacts.require(partnershipId, contactId)).id())
                .query((rs, n) -> new InformationRequest(rs.getObject("id", UUID.class), rs.getString("agency_id"),
                        SqlTime.instant(rs, "requested_at"), rs.getString("requested_by"), SqlTime.instant(rs, "received_at")))
                .list();
    }

    /**
     * Each child's name as the screens show it, "given family", or {@link #NAME_NOT_KNOWN} when the
     * hub holds neither (or no such child); one entry per id asked for.
     */
    public Map<UUID, String> childNames(Collection<UUID> childIds) {
        Map<UUID, String> names = new HashMap<>();
        childIds.forEach(id -> names.put(id, NAME_NOT_KNOWN));
        if (!childIds.isEmpty()) {
            jdbc.sql("SELECT id, " + NAME + " AS name FROM child WHERE id IN (:ids)").param("ids", childIds)
                    .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getString("name"))).list()
                    .stream().filter(e -> !e.getValue().isBlank()).forEach(e -> names.put(e.getKey(), e.getValue()));
        }
        return names;
    }
}
