package dev.parley.server.cli;

import dev.parley.InvalidInputException;
import dev.parley.Parley;
import dev.parley.audit.AuditCheckpoint;
import dev.parley.audit.AuditTrail;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** The audit log's keyed hash chains, and signed checkpoints of them kept outside the database. */
@Command(name = "audit", description = "Audit log tools.", subcommands = {AuditCommand.Verify.class, AuditCommand.Checkpoint.class})
class AuditCommand {

    @Command(name = "verify", description = "Walk each tenant's audit chain (entry hashes keyed with PARLEY_SECRET_KEY, ending at"
            + " its signed head) and report the first broken entry, and how many entries are unkeyed (written before chains"
            + " were keyed: protected against accidental change only). Exit code 1 when a chain is broken.")
    static class Verify implements Callable<Integer> {

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Option(names = "--against", paramLabel = "FILE", description = "also check that each chain still holds the checkpoints"
                + " in FILE (written by 'audit checkpoint'): finds a chain rolled back to an earlier state, or removed")
        Path against;

        @Option(names = "--require-keyed", description = "count unkeyed entries as a break (when every chain was written keyed,"
                + " this refuses a chain rewritten as an unkeyed one)")
        boolean requireKeyed;

        @Override
        public Integer call() {
            List<AuditCheckpoint> checkpoints = against == null ? List.of() : readCheckpoints(against);
            try (Parley parley = StoreOptions.connect()) {
                boolean allValid = true;
                for (String organization : tenants(parley, checkpoints)) {
                    AuditTrail trail = parley.tenant(organization).audit();
                    Document report = against == null ? trail.verify() : trail.verify(checkpoints);
                    boolean unkeyedRefused = requireKeyed && report.getLong("unkeyed") > 0;
                    boolean valid = report.getBoolean("valid") && !unkeyedRefused;
                    allValid &= valid;
                    System.out.printf("%-24s %s  %,d of %,d entries checked%s%n", organization, valid ? "OK    " : "BROKEN",
                            report.getLong("checked"), report.getLong("entries"), details(report, unkeyedRefused));
                    if (report.getString("note") != null) {
                        System.out.println("    note: " + report.getString("note"));
                    }
                }
                return allValid ? 0 : 1;
            }
        }

        /** The tenant named; or every tenant, and with --against those the file names too (a chain removed with its tenant). */
        private List<String> tenants(Parley parley, List<AuditCheckpoint> checkpoints) {
            Set<String> tenants = new LinkedHashSet<>(StoreOptions.tenants(parley, tenant));
            if (tenant == null) {
                checkpoints.forEach(c -> tenants.add(c.organizationId()));
            }
            return List.copyOf(tenants);
        }

        private static String details(Document report, boolean unkeyedRefused) {
            Document broken = report.get("first_broken", Document.class);
            StringBuilder out = new StringBuilder();
            if (broken != null) {
                out.append("; entry ").append(broken.get("seq")).append(" is ").append(broken.getString("problem"));
            } else if (unkeyedRefused) {
                out.append("; ").append(report.getLong("unkeyed")).append(" unkeyed entries (--require-keyed)");
            } else {
                Object keyedFrom = report.get("keyed_from");
                out.append(keyedFrom == null ? "; no keyed entries" : "; keyed from seq " + keyedFrom)
                        .append(", head ").append(report.getString("head"));
            }
            Document held = report.get("checkpoints", Document.class);
            if (held != null) {
                out.append("; ").append(held.getLong("matched")).append(" checkpoints held");
                if (held.getLong("expired") > 0) {
                    out.append(" (").append(held.getLong("expired")).append(" more expired by retention)");
                }
            }
            return out.toString();
        }
    }

    @Command(name = "checkpoint", description = "Verify each tenant's chain and append a signed checkpoint of its last entry"
            + " (one JSON line: organization_id, seq, hash, time, signature) to FILE, to keep outside the database (another"
            + " host, write-once storage, a log). 'audit verify --against FILE' then finds a chain rolled back past it."
            + " Exit code 1 when a chain is broken (it gets no checkpoint).")
    static class Checkpoint implements Callable<Integer> {

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "file to append to ('-': standard output)")
        String out;

        @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID", description = "only this tenant (default: every tenant)")
        String tenant;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            List<String> lines = new ArrayList<>();
            boolean allValid = true;
            try (Parley parley = StoreOptions.connect()) {
                for (String organization : StoreOptions.tenants(parley, tenant)) {
                    AuditTrail trail = parley.tenant(organization).audit();
                    Document report = trail.verify();
                    Optional<AuditCheckpoint> checkpoint = trail.checkpoint(report, now);
                    Document broken = report.get("first_broken", Document.class);
                    if (broken != null) {
                        allValid = false;
                        System.err.printf("%-24s BROKEN  entry %s is %s: no checkpoint%n", organization, broken.get("seq"),
                                broken.getString("problem"));
                    } else if (checkpoint.isEmpty()) {
                        System.err.printf("%-24s -       no entries: no checkpoint%n", organization);
                    } else {
                        lines.add(checkpoint.get().toJson());
                        System.err.printf("%-24s OK      checkpoint at seq %,d%n", organization, checkpoint.get().seq());
                    }
                }
            }
            write(lines);
            return allValid ? 0 : 1;
        }

        /** Appends the lines in one write and syncs them: a checkpoint file is evidence. */
        private void write(List<String> lines) {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line).append('\n'));
            if (out.equals("-")) {
                System.out.print(text);
                System.out.flush();
                return;
            }
            try (FileChannel file = FileChannel.open(Path.of(out), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    file.write(bytes);
                }
                file.force(true);
            } catch (IOException e) {
                throw new InvalidInputException("--out", "cannot append to " + out + ": " + e.getMessage());
            }
        }
    }

    /** The checkpoints of a file 'audit checkpoint' wrote; blank lines and # comments are skipped. */
    private static List<AuditCheckpoint> readCheckpoints(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("--against", "cannot read " + file + ": " + e.getMessage());
        }
        List<AuditCheckpoint> checkpoints = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                checkpoints.add(AuditCheckpoint.parse(line));
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--against", file + " line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return checkpoints;
    }
}
