package org.safeguarding.hub.audit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one rule for an audit entry's FHIR outcome code, on the trail's own action names. */
class AuditOutcomeTest {

    @Test
    void anActionNamingARefusalIsAMinorFailureAndAnythingElseASuccess() {
        assertThat(AuditOutcome.of("flag-query-refused").code()).isEqualTo("4");
        assertThat(AuditOutcome.of("flag-query-refused-malformed").code()).isEqualTo("4");
        assertThat(AuditOutcome.of("intake-refused-no-agreement").code()).isEqualTo("4");
        assertThat(AuditOutcome.of("encompass-notice-refused-to-school").code()).isEqualTo("4");
        assertThat(AuditOutcome.of("encompass-notice-refused").code()).isEqualTo("4");
        assertThat(AuditOutcome.of("flag-query").code()).isEqualTo("0");
        assertThat(AuditOutcome.of("child-seen-notice").code()).isEqualTo("0");
        assertThat(AuditOutcome.of("encompass-notice-sent").code()).isEqualTo("0");
        // A whole word only: "refused" inside another word is no refusal.
        assertThat(AuditOutcome.of("unrefused-read").code()).isEqualTo("0");
        assertThat(AuditOutcome.of(null).code()).isEqualTo("0");
    }
}
