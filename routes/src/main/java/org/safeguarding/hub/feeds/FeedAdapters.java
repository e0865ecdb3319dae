package org.safeguarding.hub.feeds;

import ca.uhn.fhir.context.FhirContext;
import org.safeguarding.hub.education.EducationCsvFeed;
import org.safeguarding.hub.health.HealthBundleFeed;
import org.safeguarding.hub.intake.IntakePipeline;
import org.safeguarding.hub.intake.MessageStore;
import org.safeguarding.hub.marf.ReferralFormFeed;
import org.safeguarding.hub.police.PoliceFeed;
import org.safeguarding.hub.socialcare.SocialCareFeed;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/**
 * The partner feeds the hub takes, one adapter each (docs/feeds/), put in front of the intake pipeline.
 * Wired here, in a package nothing depends on, because the adapters depend on intake's types: wiring them
 * inside {@code intake} would make the two packages depend on each other (architecture.ArchitectureTest).
 */
@Configuration(proxyBeanMethods = false)
class FeedAdapters {

    @Bean
    FhirContext fhirContext() {
        return FhirContext.forR4Cached();
    }

    @Bean
    HealthBundleFeed healthBundleFeed(FhirContext fhir) {
        return new HealthBundleFeed(fhir);
    }

    @Bean
    IntakePipeline intakePipeline(HealthBundleFeed health, MessageStore store) {
        return new IntakePipeline(List.of(new PoliceFeed(), health, new EducationCsvFeed(), new SocialCareFeed(),
                new ReferralFormFeed()), store);
    }
}
