package dev.parley.server.web;

import dev.parley.documents.JsonLimits;
import org.springframework.boot.jackson.autoconfigure.JsonFactoryBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.StreamReadConstraints;

/**
 * Bodies Spring binds with Jackson (the few routes that take a record rather than Extended JSON)
 * get the same {@link JsonLimits} as everything DocumentJson reads.
 */
@Configuration(proxyBeanMethods = false)
class JsonLimitsConfiguration {

    @Bean
    JsonFactoryBuilderCustomizer parleyJsonLimits() {
        JsonLimits limits = JsonLimits.DEFAULT;
        return builder -> builder.streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxStringLength(limits.maxStringLength())
                .maxNameLength(limits.maxNameLength())
                .maxNumberLength(limits.maxNumberLength())
                .build());
    }
}
