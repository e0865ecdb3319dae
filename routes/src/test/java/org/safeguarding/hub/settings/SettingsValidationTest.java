package org.safeguarding.hub.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.safeguarding.hub.outbox.OutboxProperties;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A wrong hub.* setting stops start-up, and what the operator reads (Spring Boot's "APPLICATION FAILED
 * TO START" report) names the key as it is written, the value and the rule. Only the settings are
 * started (application.yml plus the given command-line values; no database, no web server): the
 * hub's own binding and validation, in about a second each.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTest {

    @Test
    void theShippedDefaultsStartAndEachFeatureGetsItsPart() {
        try (ConfigurableApplicationContext settings = start()) {
            HubProperties hub = settings.getBean(HubProperties.class);
            assertThat(settings.getBean(OutboxProperties.class)).isSameAs(hub.outbox());
            assertThat(hub.outbox().batchSize()).isEqualTo(50);
        }
    }

    @Test
    void aNegativeOutboxBatchSizeStopsStartUpNamingTheKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("hub.outbox.batch-size=-1"));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Property: hub.outbox.batch-size").contains("Value: \"-1\"").contains("Reason: must be greater than 0");
    }

    @Test
    void anEarliestDateAfterTodayStopsStartUpWithTheOtherSettings(CapturedOutput output) {
        // Checked with every other setting, before the database starts (an outside tester's 2099-01-01
        // stopped the hub only after its migrations, as a stack trace).
        assertThatThrownBy(() -> start("hub.bounds.earliest-date=2099-01-01"));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Property: hub.bounds.earliest-date").contains("Value: \"2099-01-01\"")
                .contains("Reason: must not be after today");
    }

    @Test
    void linkAtBelowReviewAtStopsStartUpNamingTheKey(CapturedOutput output) {
        // 0 < review-at < link-at <= 1, each part under its own key (an outside tester saw only the group named).
        assertThatThrownBy(() -> start("hub.intake.matching.link-at=0.5", "hub.intake.matching.review-at=0.6"));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Property: hub.intake.matching.review-at").contains("Reason: must be below link-at")
                .doesNotContain("Property: hub.intake.matching.link-at");
    }

    @Test
    void scorecardPublishersAreStaffRolesAndTheDefaultIsLeadsAndAdmins(CapturedOutput output) {
        // Issue 14: who may publish a closed period is the partnership's setting; a system or a misspelt
        // role is refused at start-up (an auditor reviews access, it does not release figures).
        try (ConfigurableApplicationContext settings = start()) {
            assertThat(settings.getBean(HubProperties.class).scorecard().publishers()).containsExactly("mash-lead", "hub-admin");
        }
        try (ConfigurableApplicationContext settings = start("hub.scorecard.publishers=mash-lead,partnership-viewer")) {
            assertThat(settings.getBean(HubProperties.class).scorecard().publishers())
                    .containsExactly("mash-lead", "partnership-viewer");
        }
        assertThatThrownBy(() -> start("hub.scorecard.publishers=mash-lead,partner-system,board"));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Property: hub.scorecard.publishers[1]").contains("Value: \"partner-system\"")
                .contains("Property: hub.scorecard.publishers[2]")
                .contains("must be a staff role: mash-practitioner, mash-lead, partnership-viewer or hub-admin");
    }

    @Test
    void everyWrongValueIsListedAtOnce(CapturedOutput output) {
        assertThatThrownBy(() -> start("hub.security.max-request-size=0B", "hub.bounds.statement-timeout=2h",
                "hub.security.cors-allowed-origins=*", "hub.security.rate-limit.standard.refill-per-second=0",
                "hub.scorecard.work-mem=64MB'; DROP TABLE contact; --", "hub.intake.health-pull.base-url=ftp://x",
                "hub.embedded-database.port=70000", "hub.web.client-id= ",
                "hub.security.rate-limit.clients[probe].capacity=1", "hub.security.rate-limit.clients[probe].refill-per-second=NaN",
                "hub.outbox.retry.max-attempts=0", "hub.outbox.retry.multiplier=0.5", "hub.outbox.retry.max-delay=PT1S",
                "hub.intake.matching.link-at=1.5"));
        assertThat(output.getAll()).contains("APPLICATION FAILED TO START")
                .contains("Property: hub.security.max-request-size").contains("Property: hub.bounds.statement-timeout")
                .contains("Property: hub.security.cors-allowed-origins[0]").contains("must list origins, not '*'")
                .contains("Property: hub.security.rate-limit.standard.refill-per-second")
                .contains("Property: hub.scorecard.work-mem").contains("must be a PostgreSQL size such as 64MB")
                .contains("Property: hub.intake.health-pull.base-url").contains("must be empty or an http(s) URL")
                .contains("Property: hub.embedded-database.port").contains("Property: hub.web.client-id")
                .contains("Property: hub.security.rate-limit.clients[probe].refill-per-second")
                // Rules that once lived only in a constructor, which stopped binding at the first (an outside tester).
                .contains("Property: hub.outbox.retry.max-attempts").contains("Property: hub.outbox.retry.multiplier")
                .contains("Property: hub.outbox.retry.max-delay").contains("Reason: must not be below first-delay")
                .contains("Property: hub.intake.matching.link-at");
    }

    private static ConfigurableApplicationContext start(String... settings) {
        return new SpringApplicationBuilder(SettingsConfiguration.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                .run(Arrays.stream(settings).map(setting -> "--" + setting).toArray(String[]::new));
    }
}
