package org.safeguarding.hub.mash;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.calendar.OutsideCalendar;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A due time the calendar cannot count (the shipped bank-holidays.yml covers 2020 to 2027) is
 * refused by the MASH API with 422 naming the field, never guessed and never a 500. Contacts come
 * from the SQL fixture (settled by ContactStates as intake would): their dates are in 2027.
 */
@MashHub
class MashCalendarTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    /**
     * Thursday 30 December 2027 16:00 GMT: 32 working hours are left in 2027 (Monday 27 and Tuesday 28
     * are the substitute Christmas and Boxing Day), so the threshold-decision clock (24) is due Friday
     * 31 December 16:00, while a green clock (72) would need 2028.
     */
    private static final Instant PENULTIMATE_AFTERNOON = Instant.parse("2027-12-30T16:00:00Z");
    /** Friday 31 December 2027 16:00 GMT: 8 working hours are left in 2027. */
    private static final Instant LAST_AFTERNOON = Instant.parse("2027-12-31T16:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    private Http http;
    private ContactFixture fixture;

    @BeforeEach
    void setUp() {
        http = new Http(port);
        fixture = new ContactFixture(jdbc);
    }

    private UUID contact(Instant receivedAt) {
        UUID child = fixture.child("herefordshire", "west-mercia-police");
        return fixture.contact("herefordshire", child, "west-mercia-police", receivedAt, "team-" + UUID.randomUUID(),
                "WMP-" + UUID.randomUUID());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static void assertOutsideCalendar(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("detail").asString()).contains("2028-01-01").contains("2020 to 2027")
                .contains("bank-holidays.yml").contains("hub.config-dir");
        assertThat(json(response).get("violations").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void aGreenRatingWhoseClockNeeds2028IsRefusedNamingRatingButRedIsCounted() {
        UUID contact = contact(PENULTIMATE_AFTERNOON);
        // Green: 72 working hours; Thursday and Friday give 32, the other 40 would fall on 2028 days nobody has vouched for.
        assertOutsideCalendar(http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/rag", LEAD,
                "{\"rating\": \"green\"}"), "rating");
        assertThat(jdbc.sql("SELECT count(*) FROM rag_rating WHERE contact_id = ?").param(contact).query(Long.class).single())
                .as("nothing stored").isZero();
        // Red: 4 calendar hours need no bank holidays: due 30 December 2027 20:00 GMT.
        HttpResponse<String> red = http.post("/api/v1/mash/herefordshire/contacts/" + contact + "/rag", LEAD,
                "{\"rating\": \"red\"}");
        assertThat(red.statusCode()).as(red.body()).isEqualTo(201);
        assertThat(json(red).get("dueAt").asString()).isEqualTo("2027-12-30T20:00:00Z");
    }

    @Test
    void aContactWhoseThresholdClockNeeds2028GetsNoGuessedDueTime() {
        // Unrated, the threshold-decision clock (24 working hours) from Friday 31 December 16:00 needs
        // 2028: the contact's state is refused (intake rejects such a record naming receivedAt), never guessed.
        assertThatThrownBy(() -> contact(LAST_AFTERNOON)).isInstanceOf(OutsideCalendar.class)
                .hasMessageContaining("2028-01-01").hasMessageContaining("2020 to 2027");
    }
}
