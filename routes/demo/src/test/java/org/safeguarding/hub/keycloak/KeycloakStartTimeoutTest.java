package org.safeguarding.hub.keycloak;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 14, an outside tester: {@code ./hub demo} failed on its first run at load 18 ("Keycloak did not become
 * ready within PT4M"), the wait being fixed. The wait is {@code --keycloak-timeout}, else
 * {@code KEYCLOAK_START_TIMEOUT} (which the tests' Keycloak reads too), else 10 minutes; whole minutes, 1 to 120.
 */
class KeycloakStartTimeoutTest {

    private static final String OPTION = "--keycloak-timeout";

    @Test
    void theOptionWinsThenTheEnvironmentThenTenMinutes() {
        Map<String, String> environment = Map.of(LocalKeycloak.START_TIMEOUT_VARIABLE, "25");
        assertThat(LocalKeycloak.startTimeout("15", OPTION, environment)).isEqualTo(Duration.ofMinutes(15));
        assertThat(LocalKeycloak.startTimeout(null, OPTION, environment)).isEqualTo(Duration.ofMinutes(25));
        assertThat(LocalKeycloak.startTimeout(null, OPTION, Map.of())).isEqualTo(Duration.ofMinutes(10));
        assertThat(LocalKeycloak.startTimeout(null, OPTION, Map.of(LocalKeycloak.START_TIMEOUT_VARIABLE, " ")))
                .isEqualTo(Duration.ofMinutes(10));
        // The bounds are accepted.
        assertThat(LocalKeycloak.startTimeout("1", OPTION, Map.of())).isEqualTo(Duration.ofMinutes(1));
        assertThat(LocalKeycloak.startTimeout(" 120 ", OPTION, Map.of())).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void aWaitThatIsNotWholeMinutesFromOneTo120IsRefusedNamingWhereItCameFrom() {
        for (String wrong : new String[] {"0", "121", "-5", "ten", "PT10M", "2.5", ""}) {
            assertThatThrownBy(() -> LocalKeycloak.startTimeout(wrong, OPTION, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("--keycloak-timeout is the wait for Keycloak to start in whole minutes, from 1 to 120; not '"
                            + wrong + "'");
        }
        assertThatThrownBy(() -> LocalKeycloak.startTimeout(null, OPTION, Map.of(LocalKeycloak.START_TIMEOUT_VARIABLE, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("KEYCLOAK_START_TIMEOUT is the wait");
    }
}
