package org.safeguarding.hub.scorecard;

import org.safeguarding.hub.scorecard.measures.ShippedComputations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MeasureCatalogueTest {

    @Test
    void theShippedMeasuresAreValidAndEveryOneNamesAKnownComputation() {
        MeasureCatalogue catalogue = MeasureCatalogue.load(ConfigFiles.defaults(), ShippedComputations.all());
        assertThat(catalogue.measures()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(catalogue.measures()).allSatisfy(m -> assertThat(ShippedComputations.all().find(m.computation())).isPresent());
        assertThat(catalogue.disclosureRule().statement()).contains("suppressed");
        assertThat(catalogue.publishing().subscribers()).extracting(Subscriber::id).contains("herefordshire-bi");
        // Every percentage says in words why a period can have no value (its denominator counted nothing).
        assertThat(catalogue.measures()).filteredOn(m -> m.unit() == Unit.PERCENT)
                .allSatisfy(m -> assertThat(m.emptyReason()).startsWith("No ").endsWith("."));
    }

    @Test
    void everyMistakeIsReportedAtOnceWithWhereItIs(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("measures.yml"), """
                disclosure-control: {suppress-from: 1, suppress-to: 7, round-to: 5, symbol: c, statement: rule}
                publishing:
                  period-types: [fortnight]
                  subscribers: [{id: bi, partnership: herefordshire, agency: herefordshire-council, formats: [pdf]}]
                measures:
                  - id: contacts
                    title: Contacts
                    numerator: contacts
                    data-from: [police, army]
                    unit: percent
                    polarity: sideways
                    period: quarter
                    owner: social-care
                    computation: contacts-recieved
                    seed: "004:L1769"
                  - id: contacts
                    title: Contacts again
                    numerator: contacts
                    data-from: [police]
                    unit: count
                    polarity: neutral
                    target: 10
                    period: quarter
                    breakdowns: [postcode]
                    owner: social-care
                    computation: icpc-within-working-days
                    seed: "004:L1769"
                """);
        assertThatThrownBy(() -> MeasureCatalogue.load(new ConfigFiles(dir), ShippedComputations.all()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("measures[contacts].denominator: required for a percent measure")
                .hasMessageContaining("measures[contacts].empty-reason: required for a percent measure")
                .hasMessageContaining("measures[contacts].data-from: unknown agency kind 'army'")
                .hasMessageContaining("measures[contacts].polarity: one of high-is-good, low-is-good, neutral")
                .hasMessageContaining("measures[contacts].computation: unknown computation 'contacts-recieved'")
                .hasMessageContaining("measures[contacts]: id is used twice")
                .hasMessageContaining("measures[contacts].target: a neutral measure has no target")
                .hasMessageContaining("measures[contacts].breakdowns: unknown breakdown 'postcode'")
                .hasMessageContaining("measures[contacts].parameters: computation icpc-within-working-days needs within-working-days")
                .hasMessageContaining("publishing.period-types: use month, quarter, rolling-12-months")
                .hasMessageContaining("publishing.subscribers[bi].formats");
    }
}
