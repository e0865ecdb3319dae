package org.safeguarding.hub.partner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartnerRegistryTest {

    private final PartnerRegistry shipped = PartnerRegistry.load(ConfigFiles.defaults());

    @Test
    void theShippedRegistryLoads() {
        assertThat(shipped.partnership("herefordshire")).get()
                .extracting(Partnership::childPopulation).isEqualTo(36029);
        assertThat(shipped.agencyOfClient("west-mercia-police-feed")).get()
                .extracting(Agency::id).isEqualTo("west-mercia-police");
    }

    @Test
    void aPostcodeRoutesToThePartnershipOfItsDistrict() {
        assertThat(shipped.partnershipForPostcode("hr4 9ab")).get().extracting(Partnership::id).isEqualTo("herefordshire");
        assertThat(shipped.partnershipForPostcode("WR1 1AA")).get().extracting(Partnership::id).isEqualTo("worcestershire");
        // HR10 is not HR1: districts match whole outward codes.
        assertThat(shipped.partnershipForPostcode("HR10 1AA")).isEmpty();
        assertThat(shipped.partnershipForPostcode("SW1A 1AA")).isEmpty();
        assertThat(shipped.partnershipForPostcode("not a postcode")).isEmpty();
    }

    @Test
    void anAgreementCoversOnlyItsFeedsAndItsDates() {
        assertThat(shipped.agreementFor("west-mercia-police", Feed.POLICE, LocalDate.of(2026, 11, 22))).isPresent();
        assertThat(shipped.agreementFor("west-mercia-police", Feed.HEALTH, LocalDate.of(2026, 11, 22))).isEmpty();
        // In force from 2024-04-01 to 2028-03-31 inclusive.
        assertThat(shipped.agreementFor("west-mercia-police", Feed.POLICE, LocalDate.of(2024, 4, 1))).isPresent();
        assertThat(shipped.agreementFor("west-mercia-police", Feed.POLICE, LocalDate.of(2024, 3, 31))).isEmpty();
        assertThat(shipped.agreementFor("west-mercia-police", Feed.POLICE, LocalDate.of(2028, 3, 31))).isPresent();
        assertThat(shipped.agreementFor("west-mercia-police", Feed.POLICE, LocalDate.of(2028, 4, 1))).isEmpty();
    }

    @Test
    void everyProblemInTheFileIsReportedAtOnce(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(PartnerRegistry.FILE), """
                partnerships:
                  - id: Herefordshire
                    name: H
                    local-authority: H
                    child-population: 0
                    postcode-districts: [HR1, "12X"]
                agencies:
                  - id: police
                    name: P
                    kind: police
                    partnerships: [nowhere]
                    clients: [c1]
                  - id: health
                    name: H
                    kind: health
                    partnerships: [nowhere]
                    clients: [c1]
                agreements:
                  - agency: ghost
                    feeds: [police]
                    purpose: x
                    lawful-basis: y
                    from: 2025-01-01
                    to: 2024-01-01
                """);
        assertThatThrownBy(() -> PartnerRegistry.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(dir.resolve(PartnerRegistry.FILE).toString())
                .hasMessageContaining("partnerships[Herefordshire].id: lower-case letters")
                .hasMessageContaining("child-population: must be a positive number")
                .hasMessageContaining("'12X' is not a postcode district")
                .hasMessageContaining("agencies[police].partnerships: unknown partnership 'nowhere'")
                .hasMessageContaining("client 'c1' belongs to two agencies")
                .hasMessageContaining("agreements[ghost].agency: unknown agency")
                .hasMessageContaining("agreements[ghost].to: ends before it starts");
    }

    @Test
    void anUnknownFeedOrKeyNamesTheLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(PartnerRegistry.FILE), """
                partnerships: []
                agencies: []
                agreements:
                  - agency: x
                    feeds: [carrier-pigeon]
                """);
        assertThatThrownBy(() -> PartnerRegistry.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("partners.yml")
                .hasMessageContaining("carrier-pigeon")
                .hasMessageContaining("line 5");
    }

    @Test
    void directCareIsBetweenHealthAndCouncilsAndACouncilSharingItNeedsAContact(@TempDir Path dir) throws IOException {
        // The shipped file: the trust asks, both councils' plans are flagged, each with its contact.
        assertThat(shipped.agreementFor("wye-valley-nhs-trust", SharedPurpose.DIRECT_CARE, LocalDate.of(2026, 12, 1))).isPresent();
        assertThat(shipped.agreementFor("herefordshire-council", SharedPurpose.DIRECT_CARE, LocalDate.of(2026, 12, 1))).isPresent();
        assertThat(shipped.agency("herefordshire-council").orElseThrow().contact().phone()).isNotBlank();
        Files.writeString(dir.resolve(PartnerRegistry.FILE), """
                partnerships:
                  - { id: h, name: H, local-authority: H, child-population: 1, postcode-districts: [HR1] }
                agencies:
                  - { id: police, name: P, kind: police, partnerships: [h] }
                  - { id: council, name: C, kind: social-care, partnerships: [h], contact: { name: Duty team } }
                agreements:
                  - { agency: police, shares: [direct-care], purpose: x, lawful-basis: y, from: 2025-01-01 }
                  - { agency: council, shares: [direct-care], purpose: x, lawful-basis: y, from: 2025-01-01 }
                """);
        assertThatThrownBy(() -> PartnerRegistry.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("agreements[police].shares: direct-care is for health agencies")
                .hasMessageContaining("agencies[council].contact: a council sharing for direct-care needs a contact");
    }

    @Test
    void teamsHaveDisplayNamesAndACodeNamesOneTeamOfAPartnership(@TempDir Path dir) throws IOException {
        // The shipped file names the police's Herefordshire harm assessment unit; a code nobody names has none.
        assertThat(shipped.teamName("herefordshire", "HAU-HEREFORD")).contains("Harm Assessment Unit, Herefordshire");
        assertThat(shipped.teamName("herefordshire", "MIDWIFERY")).contains("Community midwifery");
        assertThat(shipped.teamName("worcestershire", "MIDWIFERY")).isEmpty();   // the trust serves Herefordshire only
        assertThat(shipped.teamName("herefordshire", "Team A")).isEmpty();
        Files.writeString(dir.resolve(PartnerRegistry.FILE), """
                partnerships:
                  - { id: h, name: H, local-authority: H, child-population: 1, postcode-districts: [HR1] }
                agencies:
                  - { id: police, name: P, kind: police, partnerships: [h], teams: { T1: Team one, T2: "  ", " T3": x } }
                  - { id: health, name: N, kind: health, partnerships: [h], teams: { T1: Another team one } }
                """);
        assertThatThrownBy(() -> PartnerRegistry.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("agencies[police].teams.T2: the team's display name is required")
                .hasMessageContaining("agencies[police].teams: ' T3' is not a team code")
                .hasMessageContaining("agencies[health].teams: team code 'T1' is also a team of police in partnership h");
        // A key a team entry does not have is refused with its line, like any unknown key of the file.
        Files.writeString(dir.resolve(PartnerRegistry.FILE), """
                partnerships:
                  - { id: h, name: H, local-authority: H, child-population: 1, postcode-districts: [HR1] }
                agencies:
                  - { id: police, name: P, kind: police, partnerships: [h], team-names: { T1: Team one } }
                """);
        assertThatThrownBy(() -> PartnerRegistry.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("team-names").hasMessageContaining("line 4");
    }
}
