package org.safeguarding.hub.child;

import org.safeguarding.hub.intake.ChildDetails;
import org.safeguarding.hub.intake.IdentifierKind;
import org.safeguarding.hub.intake.Rows;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Date;
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
 * Callers hold the partnership's lock so two messages do not create the same child twice.
 */
public final class IdentityResolver {

    /** A record's child, with the provenance the new child row would carry. */
    public record Request(int position, ChildDetails child) {
    }

    private record Known(UUID id, ChildDetails details) {
    }

    private final JdbcTemplate jdbc;
    private final MatchThresholds thresholds;

    public IdentityResolver(JdbcTemplate jdbc, MatchThresholds thresholds) {
        this.jdbc = jdbc;
        this.thresholds = thresholds;
    }

    /** Child id for each request position; new children, identifiers and review items are written. */
    public Map<Integer, UUID> resolve(String partnershipId, List<Request> requests, String agencyId, UUID messageId,
                                      Instant receivedAt) {
        Map<String, UUID> byIdentifier = knownIdentifiers(partnershipId, requests);
        Map<LocalDate, List<Known>> byBirthDate = knownByBirthDate(partnershipId, requests);

        Map<Integer, UUID> result = new LinkedHashMap<>();
        List<Object[]> newChildren = new ArrayList<>();
        List<Object[]> newIdentifiers = new ArrayList<>();
        List<Object[]> reviews = new ArrayList<>();
        Set<String> added = new java.util.HashSet<>();
        for (Request request : requests) {
            ChildDetails child = request.child();
            UUID id = deterministic(child, byIdentifier);
            if (id == null) {
                Known best = null;
                DemographicMatch.Score bestScore = new DemographicMatch.Score(0, "");
                for (Known candidate : byBirthDate.getOrDefault(child.dateOfBirth(), List.of())) {
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
                } else {
                    id = UUID.randomUUID();
                    newChildren.add(new Object[] {id, partnershipId, child.givenName(), child.familyName(),
                            child.dateOfBirth(), child.sex(), child.postcode(), child.ethnicity(), agencyId, messageId,
                            request.position(), receivedAt});
                    if (child.dateOfBirth() != null) {
                        byBirthDate.computeIfAbsent(child.dateOfBirth(), d -> new ArrayList<>()).add(new Known(id, child));
                    }
                    if (best != null && bestScore.confidence() >= thresholds.reviewAt()) {
                        reviews.add(new Object[] {UUID.randomUUID(), partnershipId, id, best.id(),
                                java.math.BigDecimal.valueOf(bestScore.confidence()), bestScore.reasons(), receivedAt});
                    }
                }
            }
            for (var identifier : child.identifiers().entrySet()) {
                String key = key(identifier.getKey(), identifier.getValue());
                if (!byIdentifier.containsKey(key) && added.add(key)) {
                    byIdentifier.put(key, id);
                    newIdentifiers.add(new Object[] {UUID.randomUUID(), partnershipId, id, identifier.getKey().code(),
                            identifier.getValue(), agencyId, messageId, request.position(), receivedAt});
                }
            }
            result.put(request.position(), id);
        }
        Rows.batch(jdbc, """
                INSERT INTO child (id, partnership_id, given_name, family_name, date_of_birth, sex, postcode, ethnicity,
                                   source_agency_id, source_message_id, source_position, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", newChildren);
        // A value already held by another child (a conflicting report) keeps its first owner.
        Rows.batch(jdbc, """
                INSERT INTO child_identifier (id, partnership_id, child_id, kind, value, source_agency_id,
                                              source_message_id, source_position, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (partnership_id, kind, value) DO NOTHING""", newIdentifiers);
        Rows.batch(jdbc, """
                INSERT INTO child_match_review (id, partnership_id, child_id, candidate_id, confidence, reasons, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""", reviews);
        return result;
    }

    private static UUID deterministic(ChildDetails child, Map<String, UUID> byIdentifier) {
        for (IdentifierKind kind : IdentifierKind.values()) {
            String value = child.identifiers().get(kind);
            if (value != null && byIdentifier.containsKey(key(kind, value))) {
                return byIdentifier.get(key(kind, value));
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
        jdbc.query("""
                SELECT wanted.kind, wanted.value, i.child_id FROM unnest(?::text[], ?::text[]) AS wanted (kind, value)
                JOIN LATERAL (SELECT child_id FROM child_identifier WHERE partnership_id = ? AND kind = wanted.kind
                              AND value = wanted.value LIMIT 1) i ON true""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("text", kinds.toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("text", values.toArray()));
            ps.setString(3, partnershipId);
        }, rs -> {
            known.put(rs.getString(1) + '\u001f' + rs.getString(2), rs.getObject(3, UUID.class));
        });
        return known;
    }

    /** Children born on the dates wanted, with their identifiers (child_identifier_child, not a scan of all). */
    private Map<LocalDate, List<Known>> knownByBirthDate(String partnershipId, List<Request> requests) {
        Set<LocalDate> dates = new LinkedHashSet<>();
        requests.forEach(r -> {
            if (r.child().dateOfBirth() != null) {
                dates.add(r.child().dateOfBirth());
            }
        });
        Map<LocalDate, List<Known>> byDate = new HashMap<>();
        if (dates.isEmpty()) {
            return byDate;
        }
        Map<UUID, Map<IdentifierKind, String>> identifiers = new HashMap<>();
        Map<UUID, Object[]> rows = new LinkedHashMap<>();
        jdbc.query("""
                SELECT c.id, c.given_name, c.family_name, c.date_of_birth, c.postcode, i.kind, i.value
                FROM child c LEFT JOIN LATERAL (SELECT kind, value FROM child_identifier
                                                WHERE child_id = c.id OFFSET 0) i ON true
                WHERE c.partnership_id = ? AND c.date_of_birth = ANY (?::date[])""", ps -> {
            ps.setString(1, partnershipId);
            ps.setArray(2, ps.getConnection().createArrayOf("date", dates.stream().map(Date::valueOf).toArray()));
        }, rs -> {
            UUID id = rs.getObject(1, UUID.class);
            rows.putIfAbsent(id, new Object[] {rs.getString(2), rs.getString(3), rs.getObject(4, LocalDate.class),
                    rs.getString(5)});
            String kind = rs.getString(6);
            Map<IdentifierKind, String> ids = identifiers.computeIfAbsent(id, x -> new java.util.EnumMap<>(IdentifierKind.class));
            for (IdentifierKind k : IdentifierKind.values()) {
                if (k.code().equals(kind)) {
                    ids.put(k, rs.getString(7));
                }
            }
        });
        rows.forEach((id, r) -> byDate.computeIfAbsent((LocalDate) r[2], d -> new ArrayList<>()).add(new Known(id,
                new ChildDetails((String) r[0], (String) r[1], (LocalDate) r[2], null, (String) r[3], null,
                        identifiers.get(id)))));
        return byDate;
    }
}
