package org.safeguarding.hub.scorecard;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.safeguarding.hub.calendar.WorkingCalendar;
import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.references.SourceReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scorecard: measures.yml (validated at start-up, with its subscribers checked against partners.yml and
 * every measure's seed citation against references.yml, so each source reads as a document on the page).
 */
@Configuration(proxyBeanMethods = false)
class ScorecardBeans {

    @Bean
    MeasureCatalogue measureCatalogue(ConfigFiles files, Computations computations, PartnerRegistry registry,
                                      SourceReferences references) {
        MeasureCatalogue catalogue = MeasureCatalogue.load(files, computations);
        Map<String, String> seeds = new LinkedHashMap<>();
        catalogue.measures().forEach(m -> seeds.put("measures[" + m.id() + "].seed", m.seed()));
        references.requireListed(files.describe(MeasureCatalogue.FILE), seeds);
        List<String> problems = new ArrayList<>();
        for (Subscriber s : catalogue.publishing().subscribers()) {
            if (registry.partnership(s.partnership()).isEmpty()) {
                problems.add("publishing.subscribers[" + s.id() + "].partnership: unknown partnership '" + s.partnership() + "'");
            }
            if (registry.agency(s.agency()).isEmpty()) {
                problems.add("publishing.subscribers[" + s.id() + "].agency: unknown agency '" + s.agency() + "'");
            }
        }
        ConfigurationException.throwIfAny(files.describe(MeasureCatalogue.FILE), problems);
        return catalogue;
    }

    @Bean
    MeasureEngine measureEngine(JdbcClient jdbc, TransactionTemplate tx, Computations computations,
                                WorkingCalendar calendar, ScorecardProperties settings, MeterRegistry meters) {
        // hub_scorecard_computation_seconds{partnership}: every measure of a scorecard, its whole trend.
        return new MeasureEngine(jdbc, tx, settings.workMem(), computations, calendar, (partnership, took) ->
                Timer.builder("hub.scorecard.computation").description("Time to compute a partnership's scorecard "
                                + "(every measure and its trend, one snapshot)").tag("partnership", partnership)
                        .serviceLevelObjectives(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
                                Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30))
                        .register(meters).record(took));
    }

    @Bean
    Commentary commentary(JdbcClient jdbc, Clock clock) {
        return new Commentary(jdbc, clock);
    }

    @Bean
    Scorecard scorecard(JdbcClient jdbc, MeasureCatalogue catalogue, MeasureEngine engine, Commentary commentary,
                        Clock clock, TransactionTemplate tx) {
        return new Scorecard(jdbc, catalogue, engine, commentary, clock, tx);
    }

    @Bean
    ScorecardFhir scorecardFhir(ScorecardProperties settings, MeasureCatalogue catalogue) {
        return new ScorecardFhir(settings.fhirBaseUrl(), catalogue.disclosureRule());
    }
}
