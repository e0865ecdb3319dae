package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditOutcome;
import org.safeguarding.hub.audit.AuditRecord;
import org.safeguarding.hub.audit.AuditTrailReader;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

import java.util.Date;
import java.util.Locale;

/** Audit trail entries as FHIR R4 {@code AuditEvent} resources, and a page of them as a searchset. */
final class AuditEventResources {

    /** Where our own extensions are named; they carry what FHIR's AuditEvent has no element for. */
    static final String EXTENSION = "urn:safeguarding-hub:fhir:extension:";
    static final String USER_SYSTEM = "urn:safeguarding-hub:user";

    private AuditEventResources() {
    }

    static Bundle searchset(AuditTrailReader.Page page, String base, String selfLink, String nextLink) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal((int) Math.min(page.total(), Integer.MAX_VALUE));
        bundle.addLink().setRelation("self").setUrl(selfLink);
        if (nextLink != null) {
            bundle.addLink().setRelation("next").setUrl(nextLink);
        }
        page.records().forEach(record -> bundle.addEntry()
                .setFullUrl(base + "/AuditEvent/" + record.seq())
                .setResource(auditEvent(record))
                .getSearch().setMode(Bundle.SearchEntryMode.MATCH));
        return bundle;
    }

    static AuditEvent auditEvent(AuditRecord record) {
        AuditEntry entry = record.entry();
        AuditEvent event = new AuditEvent();
        event.setId(Long.toString(record.seq()));
        event.setType(new Coding("http://terminology.hl7.org/CodeSystem/audit-event-type", "rest", "RESTful Operation"));
        event.setAction(action(entry.action()));
        event.setRecorded(Date.from(record.at()));
        event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(AuditOutcome.of(entry.action()).code()));
        event.setOutcomeDesc(entry.action());
        if (entry.purpose() != null) {
            event.addPurposeOfEvent().setText(entry.purpose());
        }
        AuditEvent.AuditEventAgentComponent agent = event.addAgent().setRequestor(true);
        agent.setWho(new Reference().setDisplay(entry.actor())
                .setIdentifier(new Identifier().setSystem(USER_SYSTEM).setValue(entry.actor())));
        if (entry.role() != null) {
            agent.addRole().setText(entry.role());
        }
        if (entry.agencyId() != null) {
            agent.addExtension(new Extension(EXTENSION + "agency", new StringType(entry.agencyId())));
        }
        if (entry.clientAddress() != null) {
            agent.getNetwork().setAddress(entry.clientAddress()).setType(AuditEvent.AuditEventAgentNetworkType._2);
        }
        event.getSource().setObserver(new Reference().setDisplay("safeguarding-hub"))
                .addType(new Coding("http://terminology.hl7.org/CodeSystem/security-source-type", "4", "Application Server"));
        AuditEvent.AuditEventEntityComponent entity = event.addEntity().setName(entry.entityType());
        if (entry.entityId() != null) {
            entity.setWhat(new Reference().setDisplay(entry.entityType() + "/" + entry.entityId())
                    .setIdentifier(new Identifier().setSystem("urn:safeguarding-hub:" + entry.entityType())
                            .setValue(entry.entityId())));
        }
        Extension chain = new Extension(EXTENSION + "audit-chain");
        chain.addExtension("sequence", new StringType(Long.toString(record.seq())));
        chain.addExtension("previous-hash", new StringType(record.previousHash()));
        chain.addExtension("hash", new StringType(record.hash()));
        event.addExtension(chain);
        return event;
    }

    /** FHIR's five action codes; a search is an Execute (E) in R4's AuditEventAction. */
    static AuditEvent.AuditEventAction action(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        if (a.startsWith("create") || a.startsWith("submit") || a.startsWith("record") || a.startsWith("add")) {
            return AuditEvent.AuditEventAction.C;
        }
        if (a.startsWith("read") || a.startsWith("view")) {
            return AuditEvent.AuditEventAction.R;
        }
        if (a.startsWith("update") || a.startsWith("supersede") || a.startsWith("correct") || a.startsWith("resolve")) {
            return AuditEvent.AuditEventAction.U;
        }
        if (a.startsWith("delete") || a.startsWith("remove")) {
            return AuditEvent.AuditEventAction.D;
        }
        return AuditEvent.AuditEventAction.E;
    }
}
