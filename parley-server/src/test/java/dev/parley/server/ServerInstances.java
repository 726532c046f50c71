package dev.parley.server;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import java.util.LinkedHashMap;
import java.util.Map;

/** Whole Parley servers a test starts with settings of its own (several may share one store or one Redis). */
final class ServerInstances {

    private ServerInstances() {
    }

    /**
     * A server on a free port. The settings are environment variables as users set them
     * ({@code PARLEY_RATE_LIMIT_LOGIN}): Spring Boot reads a source named {@code …-systemEnvironment}
     * as it reads the process environment, and this one comes first, so it wins over the real one.
     */
    static ConfigurableApplicationContext start(Map<String, String> settings) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<String, Object>(settings)));
        ConfigurableApplicationContext server = new SpringApplicationBuilder(ParleyApplication.class).environment(environment)
                .run("--server.port=0");
        new TestHttp(port(server)).awaitStartupTasks();
        return server;
    }

    static int port(ConfigurableApplicationContext server) {
        return ((WebServerApplicationContext) server).getWebServer().getPort();
    }
}
