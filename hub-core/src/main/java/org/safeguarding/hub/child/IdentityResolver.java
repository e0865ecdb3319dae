package org.safeguarding.hub.child;

import org.safeguarding.hub.database.SqlRow;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Links the records of one message, within one partnership, to children: deterministically on an
 * NHS number, UPN, police or council reference the hub already knows (in that order of trust);
 * otherwise on date of birth, normalised names and postcode with a confidence score. A confident
 * match links; an uncertain one creates a new child and queues the pair in child_match_review for
 * the MASH (never merged automatically). Works per batch: two queries to read, three batches to write.
 */
public final class IdentityResolver {

    /** A record's child, with the provenance the new child row would carry. */
    public record Request(int position, ChildDetails child) {
    }

    private record Known(UUID id, ChildDetails details) {
    }

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;
    private final MatchThresholds thresholds;

    /** @param jdbc statements and queries, and the batches of new children, identifiers and reviews */
    public IdentityResolver(NamedParameterJdbcOperations jdbc, MatchThresholds thresholds) {
        this.jdbc = JdbcClient.create(jdbc);
        this.batches = jdbc;
        this.thresholds = thresholds;
    }

    /** What resolving a batch against what the hub knows would link and write. */
    record Plan(Map<Integer, UUID> children, Map<Integer, UUID> created, Set<Integer> changing,
                List<SqlRow> newChildren, List<SqlRow> newIdentifiers, List<SqlRow> reviews) {
        boolean changesIdentities() {
            return !changing.isEmpty();
        }
    }

    /** A batch's links to children worked out against committed children; {@link #settle} makes them final. */
    public record Proposal(String partnershipId, List<Request> requests, String agencyId, UUID messageId,
                           Instant receivedAt, Plan plan) {
        /** The proposed child for each request position (new children have their ids already). */
        public Map<Integer, UUID> children() {
            return plan.children();
        }
    }

    /** Links the batch against committed children and identifiers; reads only, takes no lock. */
    public Proposal propose(String partnershipId, List<Request> requests, String agencyId, UUID messageId,
                            Instant receivedAt) {
        return new Proposal(partnershipId, requests, agencyId, messageId, receivedAt,
                plan(partnershipId, requests, agencyId, messageId, receivedAt, Map.of()));
    }

    /**
     * The final child for each request position, with new children, identifiers and review items
     * written. A proposal that only links to committed children by committed evidence is final as it
     * is, so most messages need no lock and run side by side. One that would create a child or add an
     * identifier takes the partnership's identity lock (held to commit) and is worked out again under
     * it, keeping its new children's ids: a message committed meanwhile may have created the same
     * child, and then the record links to that one instead. So two messages never create the same
     * child twice or miss each other's new children. Call it as late in the transaction as possible.
     */
    public Map<Integer, UUID> settle(Proposal proposal) {
        if (!proposal.plan().changesIdentities()) {
            return proposal.children();
        }
        String partnershipId = proposal.partnershipId();
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:key))").param("key", "child-identity:" + partnershipId)
                .query().listOfRows();
        // Only the records whose links rest on this message's own new children or identifiers are
        // worked out again; the others link by committed evidence, which no message can change.
        Plan plan = plan(partnershipId, proposal.requests().stream()
                        .filter(r -> proposal.plan().changing().contains(r.position())).toList(),
                proposal.agencyId(), proposal.messageId(), proposal.receivedAt(), proposal.plan().created());
        SqlRow.batch(batches, """
                INSERT INTO child (id, partnership_id, given_name, family_name, date_of_birth, birth_date_precision, sex,
                                   postcode, ethnicity, source_agency_id, source_message_id, source_position, received_at)
                VALUES (:id, :partnership, :givenName, :familyName, :dateOfBirth, :precision, :sex, :postcode, :ethnicity,
                        :agency, :message, :position, :receivedAt)""", plan.newChildren());
        // A value already held by another child (a conflicting report) keeps its first owner.
        SqlRow.batch(batches, """
                INSERT INTO child_identifier (id, partnership_id, child_id, kind, value, source_agency_id,
                                              source_message_id, source_position, received_at)
                VALUES (:id, :partnership, :child, :kind, :value, :agency, :message, :position, :receivedAt)
                ON CONFLICT (partnership_id, kind, value) DO NOTHING""",
                plan.newIdentifiers());
        SqlRow.batch(batches, """
                INSERT INTO child_match_review (id, partnership_id, child_id, candidate_id, confidence, reasons, created_at)
                VALUES (:id, :partnership, :child, :candidate, :confidence, :reasons, :createdAt)""", plan.reviews());
        Map<Integer, UUID> children = new LinkedHashMap<>(proposal.children());
        children.putAll(plan.children());
        return children;
    }

    /** @param createdBefore the ids an earlier plan gave the children it would create, by position */
    private Plan plan(String partnershipId, List<Request> requests, String agencyId, UUID messageId,
                      Instant receivedAt, Map<Integer, UUID> createdBefore) {
        Map<String, UUID> byIdentifier = knownIdentifiers(partnershipId, requests);
        Set<String> committed = Set.copyOf(byIdentifier.keySet());
        // Demographic candidates only for the records no identifier links.
        Map<Integer, List<Known>> byBirthYear = knownByBirthDate(partnershipId, requests.stream()
                .filter(r -> linkingIdentifier(r.child(), byIdentifier) == null).toList());

        Map<Integer, UUID> result = new LinkedHashMap<>();
        Map<Integer, UUID> created = new HashMap<>();
        Set<UUID> createdIds = new java.util.HashSet<>();
        Set<Integer> changing = new java.util.HashSet<>();
        List<SqlRow> newChildren = new ArrayList<>();
        List<SqlRow> newIdentifiers = new ArrayList<>();
        List<SqlRow> reviews = new ArrayList<>();
        Set<String> added = new java.util.HashSet<>();
        for (Request request : requests) {
            ChildDetails child = request.child();
            String linkedBy = linkingIdentifier(child, byIdentifier);
            UUID id = linkedBy == null ? null : byIdentifier.get(linkedBy);
            boolean onOwnEvidence = linkedBy != null && !committed.contains(linkedBy);
            if (id == null) {
                Known best = null;
                DemographicMatch.Score bestScore = new DemographicMatch.Score(0, "");
                for (Known candidate : candidates(byBirthYear, child.dateOfBirth())) {
                    if (conflicting(child.identifiers(), candidate.details().identifiers())) {
                        continue; // a different NHS number (say) is a different child, however alike
                    }
                    DemographicMatch.Score score = DemographicMatch.score(child, candidate.details());
                    if (score.confidence() > bestScore.confidence()) {
                        best = candidate;
                        bestScore = score;
                    }
                }
                if (best != null && bestScore.confidence() >= thresholds.linkAt()) {
                    id = best.id();
                    onOwnEvidence = createdIds.contains(id);
                } else {
                    onOwnEvidence = true;
                    id = createdBefore.getOrDefault(request.position(), UUID.randomUUID());
                    created.put(request.position(), id);
                    createdIds.add(id);
                    BirthDate born = child.dateOfBirth();
                    newChildren.add(provenance(new SqlRow().uuid("id", id).text("partnership", partnershipId)
                            .text("givenName", child.givenName()).text("familyName", child.familyName())
                            .date("dateOfBirth", born == null ? null : born.first())
                            .text("precision", born == null ? "day" : born.precision().code()).text("sex", child.sex())
                            .text("postcode", child.postcode()).text("ethnicity", child.ethnicity()),
                            agencyId, messageId, request.position(), receivedAt));
                    if (born != null) {
                        byBirthYear.computeIfAbsent(born.first().getYear(), y -> new ArrayList<>()).add(new Known(id, child));
                    }
                    if (best != null && bestScore.confidence() >= thresholds.reviewAt()) {
                        reviews.add(new SqlRow().uuid("id", UUID.randomUUID()).text("partnership", partnershipId)
                                .uuid("child", id).uuid("candidate", best.id())
                                .decimal("confidence", java.math.BigDecimal.valueOf(bestScore.confidence()))
                                .text("reasons", bestScore.reasons()).instant("createdAt", receivedAt));
                    }
                }
            }
            for (var identifier : child.identifiers().entrySet()) {
                String key = key(identifier.getKey(), identifier.getValue());
                if (!byIdentifier.containsKey(key) && added.add(key)) {
                    byIdentifier.put(key, id);
                    newIdentifiers.add(provenance(new SqlRow().uuid("id", UUID.randomUUID()).text("partnership", partnershipId)
                            .uuid("child", id).text("kind", identifier.getKey().code()).text("value", identifier.getValue()),
                            agencyId, messageId, request.position(), receivedAt));
                    onOwnEvidence = true;
                }
            }
            result.put(request.position(), id);
            if (onOwnEvidence) {
                changing.add(request.position());
            }
        }
        return new Plan(result, created, changing, newChildren, newIdentifiers, reviews);
    }

    /** The most trusted of the record's identifiers that names a known child, or null. */
    private static String linkingIdentifier(ChildDetails child, Map<String, UUID> byIdentifier) {
        for (IdentifierKind kind : IdentifierKind.values()) {
            String value = child.identifiers().get(kind);
            if (value != null && byIdentifier.containsKey(key(kind, value))) {
                return key(kind, value);
            }
        }
        return null;
    }

    private static boolean conflicting(Map<IdentifierKind, String> a, Map<IdentifierKind, String> b) {
        return a.entrySet().stream().anyMatch(e -> b.containsKey(e.getKey()) && !b.get(e.getKey()).equals(e.getValue()));
    }

    private static String key(IdentifierKind kind, String value) {
        return kind.code() + '\u001f' + value;
    }

    private Map<String, UUID> knownIdentifiers(String partnershipId, List<Request> requests) {
        List<String> kinds = new ArrayList<>();
        List<String> values = new ArrayList<>();
        requests.forEach(r -> r.child().identifiers().forEach((k, v) -> {
            kinds.add(k.code());
            values.add(v);
        }));
        Map<String, UUID> known = new HashMap<>();
        if (kinds.isEmpty()) {
            return known;
        }
        // One unique-index probe per wanted identifier: LATERAL ... LIMIT 1 keeps the planner from
        // scanning the partnership's every identifier, a cost that grew with each message stored.
        jdbc.sql("""
                SELECT wanted.kind, wanted.value, i.child_id
                FROM unnest(CAST(:kinds AS text[]), CAST(:values AS text[])) AS wanted (kind, value)
                JOIN LATERAL (SELECT child_id FROM child_identifier WHERE partnership_id = :partnership
                              AND kind = wanted.kind AND value = wanted.value LIMIT 1) i ON true""")
                .param("kinds", new SqlArrayValue("text", kinds.toArray())).param("values", new SqlArrayValue("text", values.toArray()))
                .param("partnership", partnershipId)
                .query(rs -> {
                    known.put(rs.getString("kind") + '\u001f' + rs.getString("value"), rs.getObject("child_id", UUID.class));
                });
        return known;
    }

    /** The known children whose birth dates could be this one (same period or one holding the other). */
    private static List<Known> candidates(Map<Integer, List<Known>> byBirthYear, BirthDate born) {
        if (born == null) {
            return List.of();
        }
        return byBirthYear.getOrDefault(born.first().getYear(), List.of()).stream()
                .filter(k -> k.details().dateOfBirth().compatible(born)).toList();
    }

    /**
     * Children whose birth dates could be the ones wanted, with their identifiers (by birth year; the
     * caller keeps the compatible ones). A full date finds the children born that day or known only by
     * its month or year (stored as their first days); a month or a year also finds everyone born within
     * it. Index probes of child_partnership_dob, not a scan of all children.
     */
    private Map<Integer, List<Known>> knownByBirthDate(String partnershipId, List<Request> requests) {
        Set<LocalDate> days = new LinkedHashSet<>();
        Set<LocalDate> fullDates = new LinkedHashSet<>();
        Set<BirthDate> periods = new LinkedHashSet<>();
        requests.forEach(r -> {
            BirthDate born = r.child().dateOfBirth();
            if (born != null) {
                days.add(born.first());
                if (born.precision() == BirthDate.Precision.DAY) {
                    fullDates.add(born.first());
                }
                days.add(born.first().withDayOfMonth(1));
                days.add(born.first().withDayOfYear(1));
                if (born.precision() != BirthDate.Precision.DAY) {
                    periods.add(born);
                }
            }
        });
        Map<Integer, List<Known>> byYear = new HashMap<>();
        if (days.isEmpty()) {
            return byYear;
        }
        Map<UUID, Map<IdentifierKind, String>> identifiers = new HashMap<>();
        Map<UUID, Object[]> rows = new LinkedHashMap<>();
        RowCallbackHandler row = rs -> {
            UUID id = rs.getObject("id", UUID.class);
            Map<IdentifierKind, String> ids = identifiers.computeIfAbsent(id, x -> new java.util.EnumMap<>(IdentifierKind.class));
            rows.putIfAbsent(id, new Object[] {rs.getString("given_name"), rs.getString("family_name"),
                    new BirthDate(rs.getObject("date_of_birth", LocalDate.class),
                            BirthDate.Precision.ofCode(rs.getString("birth_date_precision"))),
                    rs.getString("postcode")});
            String kind = rs.getString("kind");
            for (IdentifierKind k : IdentifierKind.values()) {
                // A placeholder stored before it was recognised as one is no evidence either way.
                if (k.code().equals(kind) && !k.isPlaceholder(rs.getString("value"))) {
                    ids.put(k, rs.getString("value"));
                }
            }
        };
        String select = """
                SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.birth_date_precision, c.postcode, i.kind, i.value
                FROM child c LEFT JOIN LATERAL (SELECT kind, value FROM child_identifier
                                                WHERE child_id = c.id OFFSET 0) i ON true
                WHERE c.partnership_id = :partnership AND """;
        // Known by the day: a candidate only on a wanted full date; by a month or year: on any first day probed.
        jdbc.sql(select + """
                 c.date_of_birth = ANY (CAST(:days AS date[]))
                AND (c.birth_date_precision <> 'day' OR c.date_of_birth = ANY (CAST(:fullDates AS date[])))""")
                .param("partnership", partnershipId).param("days", dates(days)).param("fullDates", dates(fullDates))
                .query(row);
        for (BirthDate period : periods) {
            jdbc.sql(select + " c.date_of_birth BETWEEN :first AND :last").paramSource(new SqlRow()
                    .text("partnership", partnershipId).date("first", period.first()).date("last", period.last())).query(row);
        }
        rows.forEach((id, r) -> byYear.computeIfAbsent(((BirthDate) r[2]).first().getYear(), y -> new ArrayList<>())
                .add(new Known(id, new ChildDetails((String) r[0], (String) r[1], (BirthDate) r[2], null, (String) r[3],
                        null, identifiers.get(id), List.of()))));
        return byYear;
    }

    /** A new row's provenance: the record that described the child first. */
    private static SqlRow provenance(SqlRow row, String agencyId, UUID messageId, int position, Instant receivedAt) {
        return row.text("agency", agencyId).uuid("message", messageId).integer("position", position)
                .instant("receivedAt", receivedAt);
    }

    /**
     * A date[] parameter. Bound as an array of dates, not as text cast in SQL: date_in is only stable, so
     * the planner could not see the values and estimated the probes as a scan of the partnership's children.
     */
    private static SqlArrayValue dates(Set<LocalDate> dates) {
        return new SqlArrayValue("date", dates.stream().map(java.sql.Date::valueOf).toArray());
    }
}
