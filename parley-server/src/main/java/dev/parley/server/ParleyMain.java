package dev.parley.server;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.server.cli.ParleyCommand;
import org.springframework.boot.web.server.PortInUseException;
import picocli.CommandLine;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;

/**
 * The one entry point of the jar: {@code serve} (the default) starts the server, every other
 * command is a CLI command that runs without Spring and exits.
 */
public final class ParleyMain {

    private ParleyMain() {
    }

    public static void main(String[] args) {
        boolean verbose = Arrays.asList(args).contains(VERBOSE);
        args = Arrays.stream(args).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
        boolean serve = args.length == 0 || args[0].equals("serve");
        if ("json".equalsIgnoreCase(System.getenv("PARLEY_LOG_FORMAT"))) {
            System.setProperty("logging.structured.format.console", "ecs"); // one JSON object per line (Elastic Common Schema)
        }
        if (!serve) {
            // CLI commands print their results; library chatter stays below WARN
            System.setProperty("logback.configurationFile", "logback-cli.xml");
        }
        int code = commandLine(verbose).execute(args.length == 0 ? new String[] {"serve"} : args);
        if (!serve || code != 0) {
            System.exit(code);
        }
    }

    static final String VERBOSE = "--verbose";

    /** The command tree, failures reported as one line (with the stack trace too when {@code verbose}). */
    public static CommandLine commandLine(boolean verbose) {
        return new CommandLine(new ParleyCommand()).setExecutionExceptionHandler((e, command, parsed) -> refusal(e, command, verbose));
    }

    /**
     * What went wrong, in one line: bad input and unknown names exit 2 (a usage error, as picocli's
     * own), anything else 1. No stack trace unless asked for: these are answers, not crashes.
     */
    private static int refusal(Exception e, CommandLine command, boolean verbose) {
        if (verbose) {
            e.printStackTrace(command.getErr());
        }
        boolean usage = e instanceof InvalidInputException || e instanceof NotFoundException;
        command.getErr().println("parley " + command.getCommandName() + ": " + reason(e)
                + (verbose || usage ? "" : " (add --verbose for details)"));
        return usage ? 2 : 1;
    }

    /** The innermost message that says something, without exception class names. */
    static String reason(Throwable e) {
        String reason = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PortInUseException port) {
                return "port " + port.getPort() + " is in use (another Parley?); choose another with --port or PARLEY_PORT";
            }
            if (t instanceof FileSystemException file) {
                return "cannot use " + file.getFile() + (file.getReason() != null ? ": " + file.getReason() : "")
                        + (t instanceof NoSuchFileException ? ": no such file or directory" : "")
                        + (t instanceof AccessDeniedException ? ": permission denied" : "");
            }
            if (t.getMessage() != null && !t.getMessage().isBlank() && reason == null) {
                reason = t.getMessage();
            }
        }
        return reason != null ? reason : "failed (" + e.getClass().getSimpleName() + ")";
    }
}
