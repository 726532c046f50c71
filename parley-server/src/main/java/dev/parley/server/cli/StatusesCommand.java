package dev.parley.server.cli;

import dev.parley.InvalidInputException;
import dev.parley.Parley;
import dev.parley.ParleyConfig;
import dev.parley.fields.InputFields;
import dev.parley.scans.JsonlStatuses;
import dev.parley.scans.N8nExecutions;
import dev.parley.scans.ScanException;
import dev.parley.scans.ScanFilter;
import dev.parley.scans.ScanInterval;
import dev.parley.scans.ScanResult;
import dev.parley.scans.StatusScan;
import dev.parley.scans.StatusSource;
import dev.parley.store.StoreUnavailableException;
import dev.parley.tenancy.TenantSlug;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./parley statuses}: seed 002's {@code track_message_status.py}. Reads WhatsApp statuses
 * from n8n's executions (or a JSON-lines file), prints them, and with {@code --save-to-mongodb}
 * records them for a tenant with seed 002's upsert rules. Nothing is written without that flag.
 */
@Command(name = "statuses", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Track WhatsApp message statuses found in n8n executions or a JSON-lines file (seed 002).",
                "List mode: no MESSAGE_ID, the newest messages (of CONVERSATION_ID if given).",
                "Track mode: CONVERSATION_ID MESSAGE_ID, that message's full history."},
        subcommands = StatusesExport.class,
        footer = {"", "Exit status: 0 done; 1 the source, the file or the store failed (reason on stderr); 2 invalid arguments.",
                "Examples:",
                "  ./parley statuses --n8n-url https://n8n.example.com --max-messages 50",
                "  ./parley statuses 966532127070 wamid.ABC123 --save-to-mongodb --tenant acme",
                "  ./parley statuses --source jsonl --file s.jsonl --save-to-mongodb --tenant acme --every 5m",
                "  ./parley statuses export --format seed002 --out message_statuses.jsonl --tenant acme"})
class StatusesCommand implements Callable<Integer> {

    static final int FAILED = 1;
    static final int USAGE = 2;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONVERSATION_ID",
            description = "only this WhatsApp user's messages (the statuses' recipient_id)")
    String conversationId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "MESSAGE_ID", description = "track mode: this message (wamid...)")
    String messageId;

    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "50",
            description = "list the newest N messages (default 50; 0 for all)")
    int maxMessages;

    @Option(names = "--since", paramLabel = "UNIX_TS",
            description = "only messages with a status at or after this time (unix seconds, or ISO-8601)")
    String since;

    @Option(names = "--save-to-mongodb", description = "record the statuses for --tenant (new messages inserted,"
            + " changed ones updated, unchanged ones get last_scanned_at)")
    boolean save;

    @Option(names = "--tenant", paramLabel = "ORGANIZATION_ID",
            description = "the tenant to save to (required with --save-to-mongodb); also sets the time zone shown")
    String tenant;

    @Option(names = "--source", paramLabel = "n8n|jsonl", defaultValue = "n8n", description = "where to read statuses (default n8n)")
    String source;

    @Option(names = "--n8n-url", paramLabel = "URL", defaultValue = "${env:N8N_API_URL}",
            description = "n8n's address, e.g. https://n8n.example.com (default: env N8N_API_URL)")
    String n8nUrl;

    @Option(names = "--n8n-api-key", paramLabel = "KEY", defaultValue = "${env:N8N_API_KEY}",
            description = "n8n API key, sent as X-N8N-API-KEY (default: env N8N_API_KEY, which keeps it out of ps)")
    String n8nApiKey;

    @Option(names = "--workflow-id", paramLabel = "ID", description = "only this n8n workflow's executions")
    String workflowId;

    @Option(names = "--file", paramLabel = "F", description = "with --source jsonl: the file, one webhook payload,"
            + " status event or seed 002 document a line ('-' for standard input)")
    String file;

    @Option(names = "--every", paramLabel = "PERIOD", description = "scan again every PERIOD (30s, 5m, 1h) until stopped")
    String every;

    /** What the arguments ask for, checked before anything is read or opened. */
    private record Plan(ScanFilter filter, StatusSource source, Duration period) {
    }

    @Override
    public Integer call() {
        Plan plan;
        try {
            plan = plan();
        } catch (InvalidInputException e) {
            System.err.println("statuses: " + e.getMessage());
            System.err.println("Try './parley statuses --help'.");
            return USAGE;
        }
        // a scheduled scan stops on SIGINT/SIGTERM after its round, with the store closed
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        if (plan.period != null) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop.countDown();
                try {
                    stopped.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "statuses-stop"));
        }
        // the store is opened only when it is needed: saving, or the tenant's time zone
        try (Parley parley = tenant == null ? null : StoreOptions.connect()) {
            ZoneId zone;
            if (parley == null) {
                zone = ParleyConfig.fromEnvironment().defaultTimeZone();
            } else {
                if (parley.tenants().find(tenant).isEmpty()) {
                    System.err.println("statuses: no tenant '" + tenant + "'; create it with ./parley tenants create " + tenant);
                    return FAILED;
                }
                zone = parley.tenant(tenant).timeZone();
            }
            return plan.period == null ? once(plan, parley, zone) : repeatedly(plan, parley, zone, stop);
        } catch (StoreUnavailableException e) {
            System.err.println("statuses: the store is unreachable: " + e.getMessage());
            return FAILED;
        } catch (InvalidInputException e) {
            System.err.println("statuses: " + e.getMessage());
            return USAGE;
        } finally {
            stopped.countDown();
        }
    }

    private Plan plan() {
        if (save && tenant == null) {
            throw new InvalidInputException("--tenant", "is required with --save-to-mongodb (the tenant the statuses belong to)");
        }
        try {
            if (tenant != null) {
                TenantSlug.check(tenant);
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException("--tenant", e.reason());
        }
        Instant from = since == null ? null : InputFields.instant("--since", since);
        ScanFilter filter = new ScanFilter(conversationId, messageId, from, maxMessages);
        StatusSource statusSource = switch (source) {
            case "n8n" -> {
                if (n8nUrl == null || n8nUrl.isBlank()) {
                    throw new InvalidInputException("--n8n-url", "is required with --source n8n (or set N8N_API_URL)");
                }
                if (n8nApiKey == null || n8nApiKey.isBlank()) {
                    throw new InvalidInputException("--n8n-api-key", "is required with --source n8n (or set N8N_API_KEY)");
                }
                yield new N8nExecutions(n8nUrl, n8nApiKey, workflowId);
            }
            case "jsonl" -> {
                if (file == null) {
                    throw new InvalidInputException("--file", "is required with --source jsonl");
                }
                yield file.equals("-") ? JsonlStatuses.stdin() : JsonlStatuses.of(Path.of(file));
            }
            default -> throw new InvalidInputException("--source", "must be n8n or jsonl, not " + source);
        };
        Duration period = every == null ? null : ScanInterval.parse(every);
        if (period != null && "-".equals(file)) {
            throw new InvalidInputException("--every", "cannot read standard input more than once; name a file");
        }
        return new Plan(filter, statusSource, period);
    }

    private int once(Plan plan, Parley parley, ZoneId zone) {
        try {
            scan(plan, parley, zone);
            return 0;
        } catch (ScanException | InvalidInputException e) {
            System.err.println("statuses: " + e.getMessage());
            return FAILED;
        }
    }

    /** Scans until {@code stop}; a failure that may pass (n8n or the store down) waits for the next round. */
    private int repeatedly(Plan plan, Parley parley, ZoneId zone, CountDownLatch stop) {
        try {
            while (true) {
                System.out.println("== scan at " + CLOCK.format(Instant.now().atZone(zone)) + " (" + zone.getId() + ")");
                try {
                    scan(plan, parley, zone);
                } catch (ScanException e) {
                    System.err.println("statuses: " + e.getMessage());
                    if (!e.retryable()) {
                        return FAILED;
                    }
                } catch (StoreUnavailableException e) {
                    System.err.println("statuses: the store is unreachable: " + e.getMessage());
                } catch (InvalidInputException e) {
                    System.err.println("statuses: " + e.getMessage());
                    return FAILED;
                }
                System.out.println("next scan in " + ScanInterval.format(plan.period) + " (stop with Ctrl-C)");
                System.out.flush();
                if (stop.await(plan.period.toMillis(), TimeUnit.MILLISECONDS)) {
                    return 0;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private void scan(Plan plan, Parley parley, ZoneId zone) {
        ScanResult result;
        ProgressBar[] bar = new ProgressBar[1]; // drawn from the second page on: a scan of one page is over at once
        try {
            result = new StatusScan(plan.filter).run(plan.source, progress -> {
                if (bar[0] == null) {
                    bar[0] = ProgressBars.indefinite("statuses read", " pages");
                    bar[0].step();
                }
                bar[0].step();
                bar[0].setExtraMessage(" " + progress.substring(progress.indexOf(':') + 1).strip());
            });
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
        }
        StatusesTable table = new StatusesTable(System.out, zone);
        if (plan.filter.trackMode()) {
            table.track(result, conversationId, messageId);
        } else {
            table.list(result);
        }
        if (save) {
            int events = result.messages().isEmpty() ? 0 : saveWithBar(parley, result);
            System.out.printf("saved %d status events of %d messages to tenant %s%n", events, result.messages().size(), tenant);
        }
        System.out.flush();
    }

    private int saveWithBar(Parley parley, ScanResult result) {
        int total = result.messages().stream().mapToInt(m -> m.events().size()).sum();
        try (ProgressBar bar = ProgressBars.onStderr("statuses saved", total, " events")) {
            return StatusScan.save(parley.tenant(tenant).messages(), result, bar::stepTo);
        }
    }
}
