package org.safeguarding.hub.references;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;
import org.safeguarding.hub.scorecard.MeasureCatalogue;
import org.safeguarding.hub.scorecard.measures.ShippedComputations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Source citations as readers see them (issue 14: "004:L2019" on the contact page meant nothing to staff). */
class SourceReferencesTest {

    private final SourceReferences references = SourceReferences.load(ConfigFiles.defaults());

    @Test
    void aQuotedLineReadsAsItsDocumentAndPassageAndKeepsItsCitation() {
        SourceReferences.Reference step = references.of("004:L2019");
        assertThat(step.citation()).isEqualTo("004:L2019");
        assertThat(step.text()).isEqualTo("Children and Young People Scrutiny Committee papers, 13 December 2022 "
                + "(with the partnership's annual report): Right Help, Right Time: stepping down without telling partners "
                + "led to confusion");
    }

    @Test
    void aLineWithNoPassageReadsAsItsDocumentAndLineAndAnythingElseAsItself() {
        assertThat(references.of("002:L184").text())
                .isEqualTo("Children's Social Care and Early Help Improvement Plan 2022-2024: line 184");
        assertThat(references.of("009:L1").text()).isEqualTo("009:L1"); // no such document
        assertThat(references.of("Ofsted 2023").text()).isEqualTo("Ofsted 2023");
    }

    @Test
    void aPassageOfAnUnlistedDocumentStopsTheHubAtStartUp(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SourceReferences.FILE), """
                documents: [{id: "004", title: Scrutiny papers}]
                passages: [{citation: "005:L1", heading: Somewhere}, {citation: "004:L2", heading: " "}]
                """);
        assertThatThrownBy(() -> SourceReferences.load(new ConfigFiles(dir)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("passage 005:L1: not a citation of a listed document")
                .hasMessageContaining("passage 004:L2: heading is required");
    }

    @Test
    void aMeasureSeedReadsAsEachCitedDocumentInOrderAndFreeTextAsItself() {
        assertThat(references.words("004:L2413, 001:L3320")).isEqualTo(
                "Children and Young People Scrutiny Committee papers, 13 December 2022 (with the partnership's annual "
                        + "report): line 2413; Herefordshire Council committee papers, performance report and quality "
                        + "assurance framework: line 3320");
        assertThat(references.cited("004:L2019")).extracting(SourceReferences.Reference::citation)
                .containsExactly("004:L2019");
        assertThat(references.words("Operation Encompass national duty")).isEqualTo("Operation Encompass national duty");
    }

    @Test
    void everyShippedMeasureSeedCitesAListedDocument() {
        Map<String, String> seeds = new LinkedHashMap<>();
        MeasureCatalogue.load(ConfigFiles.defaults(), ShippedComputations.all()).measures()
                .forEach(m -> seeds.put("measures[" + m.id() + "].seed", m.seed()));
        assertThat(seeds).hasSizeGreaterThan(20);
        references.requireListed(MeasureCatalogue.FILE, seeds); // throws naming any unknown citation
    }

    @Test
    void aSeedCitingAnUnlistedDocumentStopsTheHubAtStartUpNamingTheFieldAndCitation() {
        assertThatThrownBy(() -> references.requireListed("measures.yml", Map.of(
                "measures[referrals].seed", "004:L1769, 009:L12", "measures[encompass].seed", "national duty")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("measures.yml has 1 problem(s):\n  - measures[referrals].seed: unknown citation 009:L12 "
                        + "(no document 009 in references.yml)");
    }
}
