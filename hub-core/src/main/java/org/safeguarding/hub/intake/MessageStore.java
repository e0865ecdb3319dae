package org.safeguarding.hub.intake;

import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.child.IdentityResolver;
import org.safeguarding.hub.database.SqlRow;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.Partnership;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores one partner message in one transaction: the raw message, every record's outcome, the
 * accepted canonical rows (linked to children) and the rejected records in quarantine. The receipt
 * exists only once all of it is committed. A message already stored (same partner message id or
 * same content from the same agency) is not stored again: its original receipt is returned.
 */
public final class MessageStore {

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;
    private final TransactionTemplate transactions;
    private final PartnerRegistry registry;
    private final IdentityResolver identities;
    private final FactWriter facts;
    private final Receipts receipts;
    private final List<IntakeRules> rules;

    public MessageStore(NamedParameterJdbcOperations jdbc, TransactionTemplate transactions, PartnerRegistry registry,
                        IdentityResolver identities, Receipts receipts) {
        this(jdbc, transactions, registry, identities, receipts, List.of());
    }

    /** @param jdbc statements, and the batches of quarantine, record outcomes and facts */
    public MessageStore(NamedParameterJdbcOperations jdbc, TransactionTemplate transactions, PartnerRegistry registry,
                        IdentityResolver identities, Receipts receipts, List<IntakeRules> rules) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.transactions = transactions;
        this.registry = registry;
        this.identities = identities;
        this.facts = new FactWriter(jdbc);
        this.receipts = receipts;
        // Text PostgreSQL cannot store rejects its record before any of the hub's own rules run.
        this.rules = java.util.stream.Stream.concat(java.util.stream.Stream.of(new StorableRecords()), rules.stream()).toList();
    }

    private static final Logger log = LoggerFactory.getLogger(MessageStore.class);
    private static final int MAX_ATTEMPTS = 3;

    private static final class AlreadyStored extends RuntimeException {
        AlreadyStored() {
            super(null, null, false, false);
        }
    }

    public Receipt store(Submission submission, ParsedMessage message) {
        String partnerMessageId = submission.partnerMessageId() != null ? submission.partnerMessageId()
                : message.partnerMessageId();
        try {
            for (int attempt = 1; ; attempt++) {
                try {
                    return transactions.execute(status -> storeNew(submission, partnerMessageId, message));
                } catch (PessimisticLockingFailureException | DuplicateKeyException conflict) {
                    // Messages about the same children run side by side; PostgreSQL breaks the rare
                    // deadlock between them by rolling one back whole, so it is simply stored again.
                    // Likewise when another message wrote the same partner record first (the current-row
                    // unique index): stored again, the record meets that row and is a duplicate, or
                    // supersedes it.
                    if (attempt == MAX_ATTEMPTS) {
                        throw conflict;
                    }
                    log.info("Message from {} rolled back ({}); storing it again (attempt {})", submission.agencyId(),
                            conflict instanceof DuplicateKeyException ? "a record another message wrote meanwhile"
                                    : "to break a deadlock", attempt + 1);
                }
            }
        } catch (AlreadyStored e) {
            return receipts.original(submission.agencyId(), submission.feed().code(), partnerMessageId, submission.contentHash())
                    .orElseThrow(() -> new IllegalStateException("message conflicted but no original receipt was found"));
        }
    }

    /**
     * What {@link #store} would answer for this message, keeping nothing: the same statements and rules
     * (routing, identity resolution, duplicates, supersession, the MASH's and the pathway's rules) run in
     * one transaction that is rolled back, so the outcomes are exactly those a real submission would get
     * now, and no inbound message, receipt, outcome, quarantine entry or canonical row survives. The
     * receipt's id and accepted records' ids name rows that were never kept. A message already stored
     * answers its original receipt, as {@link #store} does.
     */
    public Receipt rehearse(Submission submission, ParsedMessage message) {
        String partnerMessageId = submission.partnerMessageId() != null ? submission.partnerMessageId()
                : message.partnerMessageId();
        try {
            return transactions.execute(status -> {
                status.setRollbackOnly();
                return storeNew(submission, partnerMessageId, message);
            });
        } catch (AlreadyStored e) {
            return receipts.original(submission.agencyId(), submission.feed().code(), partnerMessageId, submission.contentHash())
                    .orElseThrow(() -> new IllegalStateException("message conflicted but no original receipt was found"));
        }
    }

    private Receipt storeNew(Submission s, String partnerMessageId, ParsedMessage message) {
        UUID messageId = UUID.randomUUID();
        UUID receiptId = UUID.randomUUID();
        List<UUID> inserted = jdbc.sql("""
                INSERT INTO inbound_message (id, receipt_id, agency_id, feed, partner_message_id, content_hash,
                                             content_type, raw_payload, received_at, record_count)
                VALUES (:id, :receipt, :agency, :feed, :partnerMessageId, :contentHash, :contentType, :body, :receivedAt,
                        :records) ON CONFLICT DO NOTHING RETURNING id""")
                .paramSource(new SqlRow().uuid("id", messageId).uuid("receipt", receiptId).text("agency", s.agencyId())
                        .text("feed", s.feed().code()).text("partnerMessageId", partnerMessageId)
                        .text("contentHash", s.contentHash()).text("contentType", s.contentType()).bytes("body", s.body())
                        .instant("receivedAt", s.receivedAt()).integer("records", message.records().size()))
                .query(UUID.class).list();
        if (inserted.isEmpty()) {
            throw new AlreadyStored(); // a concurrent or earlier copy won; its receipt is the answer
        }
        RecordOutcome[] outcomes = new RecordOutcome[message.records().size()];
        List<SqlRow> quarantine = new ArrayList<>();
        List<ParsedRecord.Valid> valid = new ArrayList<>();
        for (ParsedRecord record : message.records()) {
            ParsedRecord checked = refused(route(s.agencyId(), record), s.receivedAt());
            if (checked instanceof ParsedRecord.Invalid invalid) {
                RejectionReason why = invalid.rejection();
                outcomes[invalid.position()] = RecordOutcome.rejected(invalid.position(), why);
                quarantine.add(new SqlRow().uuid("id", UUID.randomUUID()).uuid("message", messageId)
                        .integer("position", invalid.position()).text("agency", s.agencyId()).text("feed", s.feed().code())
                        .text("raw", invalid.raw()).text("reason", why.rule()).text("field", why.field())
                        .text("value", why.value()).instant("at", s.receivedAt()));
            } else {
                valid.add((ParsedRecord.Valid) checked);
            }
        }
        SqlRow.batch(batches, """
                INSERT INTO quarantine (id, message_id, position, agency_id, feed, raw_record, reason, field,
                                        rejected_value, created_at)
                VALUES (:id, :message, :position, :agency, :feed, :raw, :reason, :field, :value, :at)""", quarantine);
        Placement placement = write(s.agencyId(), messageId, s.receivedAt(), valid);
        for (RecordOutcome outcome : placement.outcomes()) {
            outcomes[outcome.position()] = outcome;
        }
        List<RecordOutcome> all = List.of(outcomes);
        SqlRow.batch(batches, """
                INSERT INTO record_outcome (message_id, position, outcome, record_type, record_id, reason, field,
                                            rejected_value, warnings)
                VALUES (:message, :position, :outcome, :recordType, :recordId, :reason, :field, :value,
                        CAST(:warnings AS jsonb))""", all.stream().map(o -> Receipts.outcome(new SqlRow()
                .uuid("message", messageId).integer("position", o.position()), o)).toList());
        int accepted = count(all, RecordOutcome.ACCEPTED);
        int duplicates = count(all, RecordOutcome.DUPLICATE);
        int rejected = count(all, RecordOutcome.REJECTED);
        jdbc.sql("""
                UPDATE inbound_message SET accepted_count = :accepted, duplicate_count = :duplicates,
                                           rejected_count = :rejected WHERE id = :id""")
                .param("accepted", accepted).param("duplicates", duplicates).param("rejected", rejected)
                .param("id", messageId).update();
        settle(placement);
        tellRules(placement.outcomes());
        return new Receipt(receiptId, s.agencyId(), s.feed().code(), partnerMessageId, s.receivedAt(), all.size(),
                accepted, duplicates, rejected, false, all);
    }

    /**
     * Links and writes already-routed valid records (also used by replay, with the original
     * message's id and the record's original position as provenance).
     */
    List<RecordOutcome> place(String agencyId, UUID messageId, Instant receivedAt, List<ParsedRecord.Valid> records) {
        Placement placement = write(agencyId, messageId, receivedAt, records);
        settle(placement);
        tellRules(placement.outcomes());
        return placement.outcomes();
    }

    /** The record, or its refusal by the first of the hub's {@link IntakeRules} that refuses it. */
    ParsedRecord refused(ParsedRecord record, Instant receivedAt) {
        if (record instanceof ParsedRecord.Valid valid) {
            for (IntakeRules rule : rules) {
                Optional<ParsedRecord.Invalid> refusal = rule.refuse(valid, receivedAt);
                if (refusal.isPresent()) {
                    return refusal.get();
                }
            }
        }
        return record;
    }

    private void tellRules(List<RecordOutcome> outcomes) {
        List<RecordOutcome> accepted = outcomes.stream().filter(o -> o.outcome().equals(RecordOutcome.ACCEPTED)).toList();
        if (!accepted.isEmpty()) {
            rules.forEach(rule -> rule.written(accepted));
        }
    }

    /** Facts written against proposed children; {@link #settle} makes the links final. */
    private record Placement(List<RecordOutcome> outcomes, List<IdentityResolver.Proposal> proposals) {
    }

    private Placement write(String agencyId, UUID messageId, Instant receivedAt, List<ParsedRecord.Valid> records) {
        Map<String, List<ParsedRecord.Valid>> byPartnership = new TreeMap<>();
        for (ParsedRecord.Valid record : records) {
            byPartnership.computeIfAbsent(partnershipOf(record.child()).orElseThrow().id(), p -> new ArrayList<>()).add(record);
        }
        List<IdentityResolver.Proposal> proposals = new ArrayList<>();
        List<FactWriter.Placed> placed = new ArrayList<>();
        for (var entry : byPartnership.entrySet()) {
            IdentityResolver.Proposal proposal = identities.propose(entry.getKey(), entry.getValue().stream()
                    .map(r -> new IdentityResolver.Request(r.position(), r.child())).toList(), agencyId, messageId, receivedAt);
            proposals.add(proposal);
            entry.getValue().forEach(r -> placed.add(new FactWriter.Placed(r.position(), r.raw(),
                    proposal.children().get(r.position()), entry.getKey(), r.fact())));
        }
        placed.sort(java.util.Comparator.comparingInt(FactWriter.Placed::position));
        Map<Integer, List<RecordOutcome.Warning>> warnings = new HashMap<>();
        records.forEach(r -> warnings.put(r.position(), r.child().warnings().stream()
                .map(w -> new RecordOutcome.Warning(w.field(), w.reason())).toList()));
        List<RecordOutcome> outcomes = facts.write(agencyId, messageId, receivedAt, placed).stream()
                .map(o -> o.withWarnings(warnings.get(o.position()))).toList();
        return new Placement(outcomes, proposals);
    }

    /**
     * The last step of a message's transaction: a partnership's identity lock, when a message needs
     * it, is held to commit, so only this short step runs one message at a time. Partnerships in
     * sorted order (TreeMap): two messages never wait for each other's identity locks in a cycle.
     */
    private void settle(Placement placement) {
        Map<Integer, UUID> relinked = new HashMap<>();
        for (IdentityResolver.Proposal proposal : placement.proposals()) {
            identities.settle(proposal).forEach((position, child) -> {
                if (!child.equals(proposal.children().get(position))) {
                    relinked.put(position, child);
                }
            });
        }
        if (!relinked.isEmpty()) {
            log.debug("{} records linked to children another message created meanwhile", relinked.size());
        }
        facts.relink(placement.outcomes(), relinked);
    }

    /**
     * Partnership routing: the record belongs to the partnership of the child's postcode district
     * (partners.yml), and the sending agency must serve that partnership.
     */
    ParsedRecord route(String agencyId, ParsedRecord record) {
        if (!(record instanceof ParsedRecord.Valid valid)) {
            return record;
        }
        Optional<Partnership> partnership = partnershipOf(valid.child());
        if (partnership.isEmpty()) {
            return valid.refuse("child.postcode", "is in no partnership this hub serves", valid.child().postcode());
        }
        Agency agency = registry.agency(agencyId).orElseThrow();
        if (!agency.serves(partnership.get().id())) {
            return valid.refuse("child.postcode", "is in partnership " + partnership.get().id() + ", which agency "
                    + agencyId + " does not serve", valid.child().postcode());
        }
        return valid;
    }

    private Optional<Partnership> partnershipOf(ChildDetails child) {
        return registry.partnershipForPostcode(child.postcode());
    }

    private static int count(List<RecordOutcome> outcomes, String outcome) {
        return (int) outcomes.stream().filter(o -> o.outcome().equals(outcome)).count();
    }
}
