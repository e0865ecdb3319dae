package org.safeguarding.hub.encompass;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** schools.yml: the shipped register loads; a wrong one stops the hub naming every entry and rule at once. */
class SchoolRegisterTest {

    private final PartnerRegistry partners = PartnerRegistry.load(ConfigFiles.defaults());

    @Test
    void theShippedRegisterLoadsAndTheShippedAgreementsShareForOperationEncompass() {
        SchoolRegister shipped = SchoolRegister.load(ConfigFiles.defaults(), partners);
        assertThat(shipped.school("116789")).get().extracting(School::partnership).isEqualTo("herefordshire");
        assertThat(shipped.schoolOfClient("school-116789")).get().extracting(School::urn).isEqualTo("116789");
        assertThat(shipped.schoolOfClient("west-mercia-police-feed")).isEmpty();
        assertThat(shipped.educationSide("herefordshire")).get()
                .extracting(SchoolRegister.EducationSide::educationAgency).isEqualTo("herefordshire-education");
        // West Mercia Police shares for Operation Encompass in Worcestershire too: its review list has an owner.
        assertThat(shipped.educationSide("worcestershire")).get()
                .extracting(SchoolRegister.EducationSide::educationAgency).isEqualTo("worcestershire-education");
        assertThat(shipped.policeContact("west-mercia-police")).isPresent();
        LocalDate day = LocalDate.of(2026, 10, 23);
        assertThat(partners.agreementFor("west-mercia-police", SharedPurpose.OPERATION_ENCOMPASS, day)).isPresent();
        assertThat(partners.agreementFor("herefordshire-education", SharedPurpose.OPERATION_ENCOMPASS, day)).isPresent();
        // The health trust's agreement names no sharing for Operation Encompass.
        assertThat(partners.agreementFor("wye-valley-nhs-trust", SharedPurpose.OPERATION_ENCOMPASS, day)).isEmpty();
    }

    @Test
    void everyProblemIsReportedAtOnceNamingTheEntry(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(SchoolRegister.FILE), """
                partnerships:
                  - partnership: herefordshire
                    education-agency: west-mercia-police
                    education-safeguarding-lead: { name: ESL }
                  - partnership: nowhere
                    education-agency: herefordshire-education
                    education-safeguarding-lead: { name: ESL, phone: "1" }
                police-contacts:
                  - agency: wye-valley-nhs-trust
                    contact: { name: Desk, phone: "1" }
                schools:
                  - { urn: "11678", name: Short URN, partnership: herefordshire }
                  - { urn: "116789", name: A, partnership: worcestershire, clients: [west-mercia-police-feed] }
                  - { urn: "116789", name: B, partnership: herefordshire, notices-endpoint: "ftp://school" }
                """);
        assertThatThrownBy(() -> SchoolRegister.load(new ConfigFiles(dir), partners))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("partnerships[herefordshire].education-agency: 'west-mercia-police' must be an education agency")
                .hasMessageContaining("partnerships[herefordshire].education-safeguarding-lead: give a phone or an email")
                .hasMessageContaining("partnerships[nowhere].partnership: not a partnership in partners.yml")
                // Worcestershire is left out, though West Mercia Police serves it and shares for Operation Encompass.
                .hasMessageContaining("partnerships[worcestershire]: missing; police agency west-mercia-police serves"
                        + " partnership 'worcestershire' and shares for operation-encompass (partners.yml)")
                .hasMessageContaining("police-contacts[wye-valley-nhs-trust].agency: not a police agency")
                .hasMessageContaining("schools[11678].urn: the school's unique reference number, six digits")
                .hasMessageContaining("schools[116789].partnership: 'worcestershire' must be one of this file's partnerships")
                .hasMessageContaining("schools[116789].clients: client 'west-mercia-police-feed' belongs to another school or agency")
                .hasMessageContaining("schools[116789]: the URN is listed twice")
                .hasMessageContaining("schools[116789].notices-endpoint: 'ftp://school' is not an http(s) URL")
                .hasMessageContaining(dir.resolve(SchoolRegister.FILE).toString());
    }

    @Test
    void anUnknownSharingPurposeInPartnersYmlIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        String shipped = new String(ConfigFiles.class.getClassLoader().getResourceAsStream("hub/partners.yml").readAllBytes());
        Files.writeString(dir.resolve(PartnerRegistry.FILE),
                shipped.replaceFirst("shares: \\[operation-encompass]", "shares: [operation-encompas]"));
        assertThatThrownBy(() -> PartnerRegistry.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("operation-encompas");
    }
}
