package org.safeguarding.hub.mash;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.calendar.CalendarConfiguration;
import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.intake.CanonicalFact;
import org.safeguarding.hub.intake.ParsedRecord;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Intake refuses a new contact whose threshold-decision due time the calendar cannot count (issue 11:
 * Good Friday 2028 was counted as a working day), naming the form's {@code receivedAt}; the shipped
 * bank-holidays.yml covers 2020 to 2027.
 */
class ContactStatesTest {

    private final ContactStates states = new ContactStates(JdbcClient.create(TestPostgres.migratedDatabase()),
            new ContactClock(ResponseClocks.load(ConfigFiles.defaults()), CalendarConfiguration.load(ConfigFiles.defaults())));

    private static ParsedRecord.Valid form(Instant receivedAt) {
        ChildDetails child = new ChildDetails("Ada", "Example", null, null, "HR1 2AB", null, Map.of());
        return new ParsedRecord.Valid(0, "{}", child, new CanonicalFact.Contact("FORM-" + receivedAt, receivedAt,
                "west-mercia-police", null, null, null, null, 0, null, null));
    }

    @Test
    void aContactWhoseClockNeedsAYearTheCalendarDoesNotCoverIsRefusedNamingReceivedAt() {
        // Friday 31 December 2027 16:00 GMT: 8 of the 24 working hours fall in 2027, the rest need 2028.
        Optional<ParsedRecord.Invalid> refused = states.refuse(form(Instant.parse("2027-12-31T16:00:00Z")), Instant.now());
        assertThat(refused).get().satisfies(r -> {
            assertThat(r.field()).isEqualTo("receivedAt");
            assertThat(r.rejection().rule()).contains("2028-01-01").contains("2020 to 2027");
            assertThat(r.rejection().value()).isEqualTo("2027-12-31T16:00:00Z");
        });
        // Thursday 30 December 2027 16:00 GMT: due Friday 31 December 16:00, inside the covered years.
        assertThat(states.refuse(form(Instant.parse("2027-12-30T16:00:00Z")), Instant.now())).isEmpty();
    }
}
