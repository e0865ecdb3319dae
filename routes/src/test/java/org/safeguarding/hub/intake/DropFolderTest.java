package org.safeguarding.hub.intake;

import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The education drop folder, as a Camel file route on a temporary folder. */
@HubIntegrationTest
class DropFolderTest {

    @Autowired
    CamelContext camel;
    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path folder;

    @Test
    void aDroppedFileIsTakenForTheFoldersAgencyAndMovedToDone() throws Exception {
        camel.addRoutes(new DropFolderRoute(folder));
        try {
            Path agencyFolder = Files.createDirectories(folder.resolve("herefordshire-education"));
            // Saved by Excel as "CSV UTF-8": a byte-order mark first (issue 12, item 7).
            Files.writeString(agencyFolder.resolve("term.csv"), "\uFEFF" + """
                    record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on
                    DROP-EHE-1,elective-home-education,%s,Freya,Morris,2012-10-10,HR8 1AA,2026-11-02
                    """.formatted(IntakeBehaviourTest.upn("884200127001")));
            // The agency-less file and the one with a formula cell fail and are set aside.
            Files.writeString(agencyFolder.resolve("hostile.csv"), """
                    record_id,record_type,upn,given_name,family_name,date_of_birth,postcode,occurred_on
                    DROP-REF-9,referral,%s,=HYPERLINK("http://x"),Morris,2012-10-10,HR8 1AA,2026-11-02
                    """.formatted(IntakeBehaviourTest.upn("884200127002")));
            Path done = folder.resolve(".done/herefordshire-education/term.csv");
            Path failed = folder.resolve(".failed/herefordshire-education/hostile.csv");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            while (!(Files.exists(done) && Files.exists(failed)) && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
            }
            assertThat(done).exists();
            assertThat(failed).exists();
            assertThat(jdbc.sql("""
                    SELECT e.source_agency_id FROM education_event e WHERE e.partner_record_id = 'DROP-EHE-1'""")
                    .query(String.class).single()).isEqualTo("herefordshire-education");
            assertThat(jdbc.sql("SELECT count(*) FROM education_event WHERE partner_record_id = 'DROP-REF-9'")
                    .query(Integer.class).single()).isZero();
        } finally {
            camel.getRouteController().stopRoute("education-drop-folder");
            camel.removeRoute("education-drop-folder");
        }
    }
}
