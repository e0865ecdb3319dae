package org.safeguarding.hub.intake;

import org.safeguarding.hub.support.ChildIdentifiers;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One partner system's feed, the table its records land in, and messages of three new children each
 * (record ids {@code KH-<uuid>}), for the tests that send from several partners at once while hubs die
 * ({@link HubKilledDuringIntakeTest}, {@code cluster.ClusterTest}).
 */
public enum SampleFeed {
    POLICE("west-mercia-police-feed", "/api/v1/intake/police", "application/json", "missing_episode"),
    COUNCIL("herefordshire-council-feed", "/api/v1/intake/social-care", "application/json", "assessment"),
    SCHOOLS("herefordshire-education-feed", "/api/v1/intake/education", "text/csv", "education_event");

    public final String client;
    final String path;
    final String contentType;
    final String table;

    SampleFeed(String client, String path, String contentType, String table) {
        this.client = client;
        this.path = path;
        this.contentType = contentType;
        this.table = table;
    }

    /** A partner message: its id, body and the partner record ids in it. */
    public record Message(SampleFeed feed, String messageId, byte[] body, List<String> recordIds) {

        /** The push of this message to the hub at {@code base}, with the sender's bearer token. */
        public HttpRequest request(URI base, String token) {
            return HttpRequest.newBuilder(base.resolve(feed.path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", feed.contentType)
                    .header("X-Message-Id", messageId)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        }
    }

    /** A new message of three new children. */
    public Message next() {
        String messageId = name().toLowerCase() + "-" + UUID.randomUUID();
        List<String> recordIds = IntStream.range(0, 3).mapToObj(i -> "KH-" + UUID.randomUUID()).toList();
        String body = switch (this) {
            case POLICE -> new String(IntakeBehaviourTest.batch(recordIds.stream()
                    .map(id -> IntakeBehaviourTest.missing(id, IntakeBehaviourTest.child("Kit", "Crash",
                            "2012-01-01", "HR1 1AA", "\"nhsNumber\": \"" + ChildIdentifiers.nhsNumber() + "\""), ""))
                    .toArray(String[]::new)), StandardCharsets.UTF_8);
            case COUNCIL -> new String(IntakeBehaviourTest.batch(recordIds.stream()
                    .map(id -> """
                            {"recordId": "%s", "type": "assessment", "startedOn": "2026-10-01", "child": %s}"""
                            .formatted(id, IntakeBehaviourTest.child("Ada", "Crash", "2014-02-02", "HR2 7AA",
                                    "\"laChildId\": \"HC-" + UUID.randomUUID() + "\"")))
                    .toArray(String[]::new)), StandardCharsets.UTF_8);
            case SCHOOLS -> "record_id,record_type,upn,given_name,family_name,date_of_birth,sex,postcode,"
                    + "occurred_on,attendance_percent,exclusion_kind,notes\n" + recordIds.stream()
                    .map(id -> id + ",attendance," + ChildIdentifiers.upn()
                            + ",Ola,Crash,2013-05-20,female,HR4 0AA,2026-11-14,84.5,,\n")
                    .collect(Collectors.joining());
        };
        return new Message(this, messageId, body.getBytes(StandardCharsets.UTF_8), recordIds);
    }

    /** Count of stored rows of this feed's table per partner record id of these messages ({@code KH-...}). */
    public Map<String, Integer> storedCounts(Connection database) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (var query = database.prepareStatement("SELECT partner_record_id, count(*) FROM " + table
                + " WHERE partner_record_id LIKE 'KH-%' GROUP BY partner_record_id")) {
            var rows = query.executeQuery();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getInt(2));
            }
        }
        return counts;
    }
}
