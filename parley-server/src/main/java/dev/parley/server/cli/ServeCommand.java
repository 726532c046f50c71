package dev.parley.server.cli;

import dev.parley.server.ParleyApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** Starts the HTTP server; arguments it does not know (e.g. {@code --server.port=9091}) go to Spring Boot. */
@Command(name = "serve", description = {"Start the Parley server (the default command).",
        "Other arguments are passed to Spring Boot, e.g. --server.address=127.0.0.1 or --logging.level.dev.parley=DEBUG."})
class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "PORT", description = "the HTTP port (default: PARLEY_PORT, else 8080)")
    Integer port;

    @Unmatched
    List<String> springArguments = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> arguments = new ArrayList<>(springArguments);
        if (port != null) {
            arguments.add("--server.port=" + port);
        }
        SpringApplication.run(ParleyApplication.class, arguments.toArray(String[]::new));
        return 0;
    }
}
