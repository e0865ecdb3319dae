package org.safeguarding.hub.pathway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathwayRulesTest {

    @Test
    void theShippedWindowsCoverEveryLink() {
        PathwayRules rules = PathwayRules.load(ConfigFiles.defaults());
        assertThat(rules.withinDays(PathwayLink.COUNCIL_REFERRAL)).isEqualTo(3);
        assertThat(rules.withinDays(PathwayLink.POLICE_ATTENDANCE)).isEqualTo(1);
        assertThat(rules.withinDays(PathwayLink.ICPC)).isEqualTo(60);
        assertThat(rules.withinDays(PathwayLink.RETURN_INTERVIEW)).isEqualTo(14);
    }

    @Test
    void aBadPathwayFileIsRefusedWithEveryProblem(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(PathwayRules.FILE), """
                windows:
                  council-referral:      { within-days: 3 }
                  strategy-discussion:   { within-days: -1 }
                  police-attendance:     { within-days: 1 }
                  section-47:            { within-days: 400 }
                  icpc:                  { }
                  child-protection-plan: { within-days: 7 }
                  assessment:            { within-days: 14 }
                """);
        assertThatThrownBy(() -> PathwayRules.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("has 4 problem(s)")
                .hasMessageContaining("windows.strategy-discussion.within-days: -1 must be 0 to 366 days")
                .hasMessageContaining("windows.section-47.within-days: 400 must be 0 to 366 days")
                .hasMessageContaining("windows.icpc: missing; give { within-days: N }")
                .hasMessageContaining("windows.return-interview: missing");
    }

    @Test
    void anUnknownLinkOrKeyIsNamed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(PathwayRules.FILE), "windows:\n  section-74: { within-days: 3 }\n");
        assertThatThrownBy(() -> PathwayRules.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class).hasMessageStartingWith("pathway.yml: ")
                .hasMessageContaining("section-74");
        Files.writeString(dir.resolve(PathwayRules.FILE), "windows:\n  icpc: { within-weeks: 3 }\n");
        assertThatThrownBy(() -> PathwayRules.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("within-weeks");
    }
}
