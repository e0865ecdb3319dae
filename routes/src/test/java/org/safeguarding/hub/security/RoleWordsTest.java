package org.safeguarding.hub.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Roles as staff read them on pages (issue 14: a refusal said "mash-lead, hub-admin (hub.scorecard.publishers)"). */
class RoleWordsTest {

    @Test
    void rolesReadAsPeopleInTheEnumsOrderWhateverOrderTheSettingGives() {
        assertThat(Role.peopleInWords(List.of(Role.HUB_ADMIN, Role.MASH_LEAD))).isEqualTo("MASH leads and hub administrators");
        assertThat(Role.peopleInWords(Set.of(Role.MASH_LEAD, Role.PARTNERSHIP_VIEWER, Role.HUB_ADMIN)))
                .isEqualTo("MASH leads, partnership viewers and hub administrators");
        assertThat(Role.peopleInWords(List.of(Role.MASH_LEAD))).isEqualTo("MASH leads");
        assertThat(Role.peopleInWords(List.of())).isEmpty();
    }

    @Test
    void everyRoleHasWordsThatAreNotItsId() {
        for (Role role : Role.values()) {
            assertThat(role.inWords()).isNotBlank().doesNotContain("-");
        }
        assertThat(Role.MASH_PRACTITIONER.inWords()).isEqualTo("MASH practitioner");
    }
}
