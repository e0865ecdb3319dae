package org.safeguarding.hub.web;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.references.SourceReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The readable source references ({@code references.yml}), for every page: {@code ${@references.of('004:L2019')}}. */
@Configuration(proxyBeanMethods = false)
class ReferencesConfiguration {

    @Bean("references")
    SourceReferences references(ConfigFiles files) {
        return SourceReferences.load(files);
    }
}
