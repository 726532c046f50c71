package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.seeding.DemoData;
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
            DemoData.Made made = new DemoData(parley).create(new DemoData.Plan(tenant, conversations, messagesPer, days, randomSeed),
                    Instant.now());
            System.out.printf("%s: %,d conversations, %,d messages, %,d statuses, %,d audit entries, %,d metric points,"
                            + " %,d events, %d upload (%.1f s)%n", made.tenant(), made.conversations(), made.messages(), made.statuses(),
                    made.auditEntries(), made.metrics(), made.events(), made.uploads(), (System.nanoTime() - start) / 1e9);
            return 0;
        }
    }
}
