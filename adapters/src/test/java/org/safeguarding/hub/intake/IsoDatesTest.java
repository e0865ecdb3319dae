package org.safeguarding.hub.intake;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The digit-by-digit reading of the common date shapes accepts and refuses exactly what the ISO
 * parsers do: each input is read both ways and the answers compared.
 */
class IsoDatesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2015-04-30", "2024-02-29", "2000-01-01", "0000-01-01", "9999-12-31",
            "2025-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-01", "2026-01-1",
            "2026/01/01", "20260101", "2026-01-0x", "+2026-01-01", "-001-01-01", "2026-01-01 ", "", "2026-01-01T00:00"})
    void aDateIsReadAsTheIsoParserReadsIt(String value) {
        compare(value, () -> JsonRecord.isoDate(value), () -> LocalDate.parse(value));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-03-01T18:30:00Z", "2026-03-29T01:00:00Z", "2024-02-29T23:59:59Z", "2026-03-01T24:00:00Z",
            "2026-03-01T23:60:00Z", "2026-03-01T23:59:60Z", "2026-02-30T10:00:00Z", "2026-03-01T18:30:00+01:00",
            "2026-03-01T18:30Z", "2026-03-01T18:30:00.250Z", "2026-03-01 18:30:00Z", "2026-03-01T18:30:00z",
            "2026-03-01T1a:30:00Z", "2026-03-01T18:30:00", "not a date"})
    void aDateTimeIsReadAsTheIsoParserReadsIt(String value) {
        compare(value, () -> JsonRecord.isoInstant(value), () -> OffsetDateTime.parse(value).toInstant());
    }

    private static void compare(String value, java.util.concurrent.Callable<Object> fast,
                                java.util.concurrent.Callable<Object> iso) {
        Object expected;
        try {
            expected = iso.call();
        } catch (Exception refused) {
            assertThatThrownBy(fast::call).as(value).isInstanceOf(DateTimeException.class);
            return;
        }
        try {
            assertThat(fast.call()).as(value).isEqualTo(expected);
        } catch (Exception e) {
            throw new AssertionError(value + " was refused: " + e, e);
        }
    }
}
