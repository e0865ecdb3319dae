package org.safeguarding.hub.mash;

import org.safeguarding.hub.outbox.Outbox;
import org.safeguarding.hub.outbox.OutboundMessage;
import tools.jackson.databind.node.ObjectNode;

import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Notices to partner agencies through the transactional outbox: decisions to referrers, step
 * changes and escalation records to every agency involved. Call inside the change's transaction.
 * The idempotency key is the event's key plus the destination, so a retried action sends nothing twice.
 */
public final class Notices {

    private final Outbox outbox;

    public Notices(Outbox outbox) {
        this.outbox = outbox;
    }

    /** A fresh JSON object for a notice of {@code type}. */
    public static ObjectNode body(String type) {
        ObjectNode body = ActionMessages.JSON.createObjectNode();
        body.put("type", type);
        return body;
    }

    /** Sends {@code body} to each agency once; returns how many notices were queued. */
    public int send(String partnershipId, Collection<String> agencies, String eventKey, ObjectNode body) {
        int queued = 0;
        for (String agency : new LinkedHashSet<>(agencies)) {
            if (outbox.enqueue(new OutboundMessage(partnershipId, agency, body.get("type").asString(),
                    eventKey + ":" + agency, ActionMessages.JSON.writeValueAsString(body)))) {
                queued++;
            }
        }
        return queued;
    }
}
