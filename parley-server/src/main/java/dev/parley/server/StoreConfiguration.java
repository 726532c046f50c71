package dev.parley.server;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.tenancy.TenantRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Parley core as Spring beans. Configuration comes from the same names as everywhere else
 * (MONGODB_URI, PARLEY_EMBEDDED, …), read through Spring's Environment so tests can set them.
 */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

    @Bean(destroyMethod = "close")
    Parley parley(Environment environment) {
        return Parley.connect(ParleyConfig.from(environment::getProperty));
    }

    @Bean
    TenantRegistry tenantRegistry(Parley parley) {
        return parley.tenants();
    }
}
