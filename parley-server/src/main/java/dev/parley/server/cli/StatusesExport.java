package dev.parley.server.cli;

import dev.parley.InvalidInputException;
import dev.parley.Parley;
import dev.parley.TenantScope;
import dev.parley.scans.Seed002Documents;
import dev.parley.store.StoreUnavailableException;
import dev.parley.tenancy.TenantSlug;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;

/** {@code ./parley statuses export --format seed002}: the tenant's tracked messages as seed 002's documents, one JSON line each. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a tenant's tracked messages as JSON lines in seed 002's message_statuses shape (messageId,"
                + " conversation_id, latestStatus, latestTimestamp, statusHistory[], workflowId, statusCount, firstSeenAt,"
                + " lastUpdatedAt, lastScannedAt), dates as {\"$date\": ..} as mongoexport writes them.",
        footer = {"", "Exit status: 0 done; 1 the store or the output file failed; 2 invalid arguments."})
class StatusesExport implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "seed002", defaultValue = "seed002", description = "seed002 (the only format)")
    String format;

    @Option(names = "--out", paramLabel = "F", description = "the file to write (default: standard output)")
    Path out;

    @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", required = true, description = "whose messages")
    String tenant;

    @Override
    public Integer call() {
        if (!format.equals("seed002")) {
            System.err.println("statuses export: --format must be seed002, not " + format);
            return StatusesCommand.USAGE;
        }
        try {
            TenantSlug.check(tenant);
        } catch (InvalidInputException e) {
            System.err.println("statuses export: --tenant: " + e.reason());
            return StatusesCommand.USAGE;
        }
        try (Parley parley = StoreOptions.connect()) {
            if (parley.tenants().find(tenant).isEmpty()) {
                System.err.println("statuses export: no tenant '" + tenant + "'; create it with ./parley tenants create " + tenant);
                return StatusesCommand.FAILED;
            }
            if (out == null) {
                Writer stdout = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
                write(parley, stdout);
                stdout.flush();
            } else {
                long count = toFile(parley);
                System.out.println("exported " + count + " messages of tenant " + tenant + " to " + out);
            }
            return 0;
        } catch (InvalidInputException e) {
            System.err.println("statuses export: " + e.getMessage());
            return StatusesCommand.USAGE;
        } catch (StoreUnavailableException e) {
            System.err.println("statuses export: the store is unreachable: " + e.getMessage());
            return StatusesCommand.FAILED;
        } catch (IOException | UncheckedIOException e) {
            System.err.println("statuses export: cannot write " + (out == null ? "standard output" : out) + ": " + e.getMessage());
            return StatusesCommand.FAILED;
        }
    }

    /** Written beside the target and moved over it, so a failed export never leaves half a file. */
    private long toFile(Parley parley) throws IOException {
        Path target = out.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (Writer writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            long count = write(parley, writer);
            writer.close();
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            return count;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private long write(Parley parley, Writer writer) {
        TenantScope scope = parley.tenant(tenant);
        return Seed002Documents.export(scope.messages(), scope.timeZone(), doc -> {
            try {
                writer.write(Seed002Documents.toJson(doc));
                writer.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
