package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.seeding.DemoData;
import dev.parley.tenancy.IssuedKey;
import me.tongfei.progressbar.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.concurrent.Callable;

/** {@code ./parley seed}: seed 004's demo data, through the same write paths as real traffic. */
@Command(name = "seed", description = "Create realistic demo data: English and Arabic conversations across channels, messages,"
        + " WhatsApp statuses (failures included), audit entries, metrics, events and an imported chat export."
        + " The same --random-seed on the same day gives the same data; running it again adds no duplicates.")
class SeedCommand implements Callable<Integer> {

    @Option(names = "--tenant", defaultValue = "demo", description = "created if missing")
    String tenant;

    @Option(names = "--conversations", defaultValue = "200", description = "conversations to create")
    int conversations;

    @Option(names = "--messages-per", defaultValue = "30", description = "messages per conversation (on average)")
    int messagesPer;

    @Option(names = "--days", defaultValue = "30", description = "spread over the last N days")
    int days;

    @Option(names = "--random-seed", defaultValue = "42", description = "the same seed on the same day gives the same data")
    long randomSeed;

    @Override
    public Integer call() {
        try (Parley parley = StoreOptions.connect()) {
            long start = System.nanoTime();
            DemoData demo = parley.demoData();
            IssuedKey key = demo.signInKey(tenant);
            DemoData.Made made;
            try (ProgressBar bar = ProgressBars.onStderr("seed " + tenant, conversations, " conversations")) {
                made = demo.create(new DemoData.Plan(tenant, conversations, messagesPer, days, randomSeed), Instant.now(), bar::stepTo);
            }
            System.out.printf("%s: %,d conversations, %,d messages, %,d statuses, %,d audit entries, %,d metric points,"
                            + " %,d events, %d upload (%.1f s)%n", made.tenant(), made.conversations(), made.messages(), made.statuses(),
                    made.auditEntries(), made.metrics(), made.events(), made.uploads(), (System.nanoTime() - start) / 1e9);
            System.out.printf("%nOpen %s/ (./parley serve, if it is not running) and sign in with this API key of tenant %s:%n"
                            + "  %s%n"
                            + "It is shown once (Parley keeps only its digest); ./parley tenants rotate-key %s --keep-old makes another.%n"
                            + "Or call the API: curl -H 'Authorization: Bearer %s' '%s/api/v1/conversations?limit=5'%n",
                    url(), tenant, key.apiKey(), tenant, key.apiKey(), url());
            return 0;
        }
    }

    /** Where ./parley serve listens by default. */
    private static String url() {
        String port = System.getenv("PARLEY_PORT");
        return "http://localhost:" + (port == null || port.isBlank() ? "8080" : port.strip());
    }
}
