package dev.parley.bench;

import dev.parley.bench.history.HistoryScenario;
import dev.parley.bench.statusingest.StatusIngestScenario;
import dev.parley.bench.storewrite.StoreWriteScenario;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Every scenario by name, in the order {@code all} runs them. Add new scenarios here. */
final class Scenarios {

    private static final Map<String, Scenario> BY_NAME = new LinkedHashMap<>();

    static {
        register(new StoreWriteScenario());
        register(new StatusIngestScenario());
        register(new HistoryScenario());
        register(new dev.parley.bench.webhookingest.WebhookIngestScenario());
        register(new dev.parley.bench.webhookreal.WebhookRealScenario());
        register(new dev.parley.bench.audit.AuditScenario());
        register(new dev.parley.bench.analytics.AnalyticsScenario());
        register(new dev.parley.bench.search.SearchScenario());
        register(new dev.parley.bench.imports.ImportScenario());
        register(new dev.parley.bench.platform.PlatformScenario());
        register(new dev.parley.bench.statusqueries.StatusQueriesScenario());
    }

    private Scenarios() {
    }

    private static void register(Scenario scenario) {
        if (BY_NAME.putIfAbsent(scenario.name(), scenario) != null) {
            throw new IllegalStateException("two scenarios are named " + scenario.name());
        }
    }

    static Collection<Scenario> all() {
        return BY_NAME.values();
    }

    static Optional<Scenario> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }
}
