package dev.parley.server;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23: {@code --help} failed on most subcommands ("Unknown option", "Missing required
 * parameter") and {@code serve} crashed on its own arguments. Walks the whole command tree, so a
 * command added later is held to the same rules.
 */
class CliHelpTest {

    @Test
    void everyCommandAnswersHelpWithExitZeroAndDescribesEveryOption() {
        List<String> problems = new ArrayList<>();
        List<String> walked = new ArrayList<>();
        walk(ParleyMain.commandLine(false), List.of(), problems, walked);
        assertThat(walked).hasSizeGreaterThan(25).contains("tenants create", "serve", "seed", "import", "backup", "users set-password");
        assertThat(problems).isEmpty();
    }

    private static void walk(CommandLine command, List<String> path, List<String> problems, List<String> walked) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        CommandLine fresh = ParleyMain.commandLine(false);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        fresh.setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
        int code = fresh.execute(args.toArray(String[]::new));
        String name = String.join(" ", path);
        walked.add(name);
        if (code != 0 || !out.toString().contains("Usage:") || !err.toString().isEmpty()) {
            problems.add("'" + name + " --help' exited " + code + ": " + err);
        }
        for (OptionSpec option : command.getCommandSpec().options()) {
            if (!option.usageHelp() && !option.versionHelp() && String.join("", option.description()).isBlank()) {
                problems.add("'" + name + "' option " + option.longestName() + " has no description");
            }
        }
        command.getSubcommands().forEach((sub, subcommand) -> {
            List<String> next = new ArrayList<>(path);
            next.add(sub);
            walk(subcommand, next, problems, walked);
        });
    }

    @Test
    void serveTakesAPortAndPassesTheRestToSpring() {
        CommandLine.ParseResult parsed = ParleyMain.commandLine(false)
                .parseArgs("serve", "--port", "9999", "--server.address=127.0.0.1", "--logging.level.root=WARN");
        CommandLine.ParseResult serve = parsed.subcommand();
        assertThat(serve.matchedOptionValue("--port", 0)).isEqualTo(9999);
        assertThat(serve.unmatched()).containsExactly("--server.address=127.0.0.1", "--logging.level.root=WARN");
    }

    @Test
    void failuresAreOneLineWithoutClassNames() {
        assertThat(ParleyMain.reason(new RuntimeException("wrapped", new java.nio.file.AccessDeniedException("/proc/nope"))))
                .isEqualTo("cannot use /proc/nope: permission denied");
        assertThat(ParleyMain.reason(new IllegalStateException(new org.springframework.boot.web.server.PortInUseException(8080))))
                .startsWith("port 8080 is in use");
        assertThat(ParleyMain.reason(new dev.parley.ConflictException("tenant acme already exists"))).isEqualTo("tenant acme already exists");
    }
}
