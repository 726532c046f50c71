package dev.parley.bench.storewrite;

import dev.parley.bench.BenchParams;
import dev.parley.bench.Comparison;
import dev.parley.bench.Contender;
import dev.parley.bench.Goal;
import dev.parley.bench.InterleavedRounds;
import dev.parley.bench.MessageDocuments;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.bench.Throughput;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Parley's durable insert against the two obvious ways to write with the plain driver on the same
 * embedded H2 server: one {@code insertOne} per request, and bulk {@code insertMany}. Neither
 * baseline waits for fsync, so they are the optimistic numbers Parley has to keep up with.
 */
public final class StoreWriteScenario implements Scenario {

    static final String COLLECTION = "items";
    static final String STORED_COLLECTION = "u_" + COLLECTION; // where documents("items") lands

    @Override
    public String name() {
        return "store-write";
    }

    @Override
    public String description() {
        return "durable grouped inserts vs insertOne per request and raw insertMany (embedded H2)";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        try (GroupedDurableInserts parley = new GroupedDurableInserts(params.clients());
             InsertOnePerRequest perRequest = new InsertOnePerRequest(params.clients());
             RawInsertMany insertMany = new RawInsertMany()) {
            Map<Contender, Throughput> measured =
                    InterleavedRounds.measure(List.of(parley, perRequest, insertMany), params);
            List<Comparison> rows = List.of(
                    new Comparison("store-write (durable, grouped) vs insertOne per request",
                            measured.get(parley), measured.get(perRequest), Goal.atLeast(1.0)),
                    new Comparison("store-write vs raw insertMany (not durable)",
                            measured.get(parley), measured.get(insertMany), Goal.atLeast(0.5)));
            return new ScenarioReport(rows, notes(params, parley));
        }
    }

    private List<String> notes(BenchParams params, GroupedDurableInserts parley) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%s: documents ~%d bytes BSON; %d clients with one request in flight each;"
                        + " insertMany in batches of %,d from one thread; each path on its own H2 file",
                name(), MessageDocuments.averageBsonBytes(), params.clients(), RawInsertMany.BATCH));
        long flushes = parley.durableFlushes();
        notes.add(String.format(Locale.ROOT,
                "%s: %,d durable flushes (H2 commit + fsync) for %,d parley docs incl. warm-up, %.1f docs per flush",
                name(), flushes, parley.docs(), flushes == 0 ? 0.0 : parley.docs() / (double) flushes));
        return notes;
    }
}
