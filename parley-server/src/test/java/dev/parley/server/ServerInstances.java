package dev.parley.server;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Whole Parley servers a test starts with settings of its own (several may share one store or one Redis). */
final class ServerInstances {

    private ServerInstances() {
    }

    /** A server on a free port; the settings are passed as command-line arguments, so they win over the environment. */
    static ConfigurableApplicationContext start(Map<String, String> settings) {
        List<String> args = new ArrayList<>();
        settings.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        ConfigurableApplicationContext server = new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
        new TestHttp(port(server)).awaitStartupTasks();
        return server;
    }

    static int port(ConfigurableApplicationContext server) {
        return ((WebServerApplicationContext) server).getWebServer().getPort();
    }
}
