package dev.parley.server;

import dev.parley.server.cli.ParleyCommand;
import picocli.CommandLine;

/**
 * The one entry point of the jar: {@code serve} (the default) starts the server, every other
 * command is a CLI command that runs without Spring and exits.
 */
public final class ParleyMain {

    private ParleyMain() {
    }

    public static void main(String[] args) {
        boolean serve = args.length == 0 || args[0].equals("serve");
        if ("json".equalsIgnoreCase(System.getenv("PARLEY_LOG_FORMAT"))) {
            System.setProperty("logging.structured.format.console", "ecs"); // one JSON object per line (Elastic Common Schema)
        }
        if (!serve) {
            // CLI commands print their results; library chatter stays below WARN
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        int code = new CommandLine(new ParleyCommand()).setExecutionExceptionHandler(ParleyMain::refusal)
                .execute(args.length == 0 ? new String[] {"serve"} : args);
        if (!serve || code != 0) {
            System.exit(code);
        }
    }

    /** Bad input and unknown names end a command with their reason and exit code 2, not a stack trace. */
    private static int refusal(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof dev.parley.InvalidInputException || e instanceof dev.parley.NotFoundException) {
            command.getErr().println("parley " + command.getCommandName() + ": " + e.getMessage());
            return 2;
        }
        throw e;
    }
}
