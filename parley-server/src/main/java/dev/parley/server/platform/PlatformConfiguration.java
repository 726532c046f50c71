package dev.parley.server.platform;

import dev.parley.platform.Platform;
import dev.parley.platform.PlatformConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Sessions, revoked tokens, query cache, rate limits and locks: on Redis with REDIS_URL, in this process without. */
@Configuration(proxyBeanMethods = false)
class PlatformConfiguration {

    @Bean(destroyMethod = "close")
    Platform platform(Environment environment) {
        return Platform.connect(PlatformConfig.from(environment::getProperty));
    }
}
