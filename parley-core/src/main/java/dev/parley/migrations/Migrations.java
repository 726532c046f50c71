package dev.parley.migrations;

import dev.parley.ConflictException;
import dev.parley.store.MongoStore;
import dev.parley.store.PlatformCollection;
import org.bson.Document;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import com.mongodb.MongoException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;

/**
 * Runs the migrations not yet applied, in {@code id} order, and records each in {@code migrations}
 * ({@code _id} = its id, {@code checksum}, {@code description}, times, documents changed). Two
 * processes never run one migration twice: each first claims it by inserting its record (the
 * unique {@code _id} lets one insert through) with a lease; a claim whose process died is taken
 * over once its lease has run out (the migration is idempotent, so running it again from the start
 * is safe). The checksum is the SHA-256 of the migration's compiled class, so a migration edited
 * after it ran is reported, not silently run again.
 */
public final class Migrations {

    public static final String COLLECTION = "migrations";
    static final Duration LEASE = Duration.ofMinutes(30);

    /** Every migration Parley ships, in order. */
    static final List<Migration> ALL = List.of(new ConversationsContactId(), new MessagesRevIndexDropped(),
            new ConversationsAgentAssigned());

    /** What happened to one migration. */
    public record Outcome(String id, String description, String status, long changed, String detail) {

        public String line() {
            String changes = status.equals("applied") ? ", " + changed + " document(s) changed" : "";
            return String.format("%-8s %s  %s%s%s", status, id, description, changes, detail == null ? "" : "  (" + detail + ")");
        }
    }

    private final MongoStore store;
    private final List<Migration> migrations;
    private final Clock clock;
    private final String owner;

    public Migrations(MongoStore store, Clock clock) {
        this(store, ALL, clock);
    }

    Migrations(MongoStore store, List<Migration> migrations, Clock clock) {
        this.store = store;
        this.migrations = migrations.stream().sorted(Comparator.comparing(Migration::id)).toList();
        this.clock = clock;
        this.owner = ProcessHandle.current().pid() + "@" + hostName();
    }

    /** Applies what is pending ({@code dryRun}: only says what would be applied). */
    public List<Outcome> run(boolean dryRun) {
        PlatformCollection records = store.platform(COLLECTION);
        List<Outcome> outcomes = new ArrayList<>();
        for (Migration migration : migrations) {
            String checksum = checksum(migration);
            Document record = records.get(migration.id()).orElse(null);
            if (record != null && "applied".equals(record.getString("status"))) {
                boolean same = checksum.equals(record.getString("checksum"));
                outcomes.add(new Outcome(migration.id(), migration.description(), "done", 0,
                        same ? null : "WARNING: changed since it was applied on " + record.getDate("finished_at").toInstant()));
                continue;
            }
            if (dryRun) {
                outcomes.add(new Outcome(migration.id(), migration.description(), "pending", 0, "dry run: not applied"));
                continue;
            }
            if (!claim(records, migration, checksum, record)) {
                outcomes.add(new Outcome(migration.id(), migration.description(), "running", 0, "another process is applying it"));
                break; // later migrations may depend on it
            }
            Instant start = clock.instant();
            long changed;
            try {
                changed = migration.up(store);
            } catch (RuntimeException e) { // released at once: the next run takes it over
                records.update(migration.id(), new Document("$set", new Document("status", "failed")
                        .append("error", String.valueOf(e.getMessage())).append("lease_until", new Date(0))));
                throw e;
            }
            records.update(migration.id(), new Document("$set", new Document("status", "applied").append("changed", changed)
                    .append("finished_at", Date.from(clock.instant()))
                    .append("duration_ms", Duration.between(start, clock.instant()).toMillis())));
            outcomes.add(new Outcome(migration.id(), migration.description(), "applied", changed, null));
        }
        return outcomes;
    }

    /** Takes the migration for this process: a new record, or one whose lease has run out. */
    private boolean claim(PlatformCollection records, Migration migration, String checksum, Document existing) {
        Instant now = clock.instant();
        Document claim = new Document("status", "running").append("owner", owner).append("checksum", checksum)
                .append("description", migration.description()).append("started_at", Date.from(now))
                .append("lease_until", Date.from(now.plus(LEASE)));
        if (existing == null) {
            try {
                records.insert(new Document("_id", migration.id()).append("status", "running").append("owner", owner)
                        .append("checksum", checksum).append("description", migration.description())
                        .append("started_at", Date.from(now)).append("lease_until", Date.from(now.plus(LEASE))));
                return true;
            } catch (ConflictException e) {
                return false; // another process inserted it first
            } catch (MongoException e) {
                if (e.getCode() == 11000 || String.valueOf(e.getMessage()).contains("duplicate key")) {
                    return false;
                }
                throw e;
            }
        }
        return records.updateOneWhere(new Document("_id", migration.id()).append("lease_until", new Document("$lt", Date.from(now))),
                new Document("$set", claim));
    }

    static String checksum(Migration migration) {
        String resource = migration.getClass().getName().replace('.', '/') + ".class";
        try (InputStream in = migration.getClass().getClassLoader().getResourceAsStream(resource)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((migration.id() + "\n" + migration.description() + "\n").getBytes(StandardCharsets.UTF_8));
            if (in != null) {
                sha.update(in.readAllBytes());
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }
}
