package dev.parley.server.cli;

import dev.parley.server.ParleyApplication;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.List;
import java.util.concurrent.Callable;

/** Starts the HTTP server on PARLEY_PORT (default 8080). */
@Command(name = "serve", description = "Start the Parley server (the default command).")
class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> springArguments = List.of();

    @Override
    public Integer call() {
        SpringApplication.run(ParleyApplication.class, springArguments.toArray(String[]::new));
        return 0;
    }
}
