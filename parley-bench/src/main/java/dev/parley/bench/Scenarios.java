package dev.parley.bench;

import dev.parley.bench.history.HistoryScenario;
import dev.parley.bench.statusingest.StatusIngestScenario;
import dev.parley.bench.storewrite.StoreWriteScenario;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import dev.parley.bench.analytics.AnalyticsScenario;
import dev.parley.bench.audit.AuditScenario;
import dev.parley.bench.imports.ImportScenario;
import dev.parley.bench.platform.PlatformScenario;
import dev.parley.bench.search.SearchScenario;
import dev.parley.bench.statusqueries.StatusQueriesScenario;
import dev.parley.bench.webhookingest.WebhookIngestScenario;
import dev.parley.bench.webhookreal.WebhookRealScenario;

/** Every scenario by name, in the order {@code all} runs them. Add new scenarios here. */
final class Scenarios {

    private static final Map<String, Scenario> BY_NAME = new LinkedHashMap<>();

    static {
        register(new StoreWriteScenario());
        register(new StatusIngestScenario());
        register(new HistoryScenario());
        register(new WebhookIngestScenario());
        register(new WebhookRealScenario());
        register(new AuditScenario());
        register(new AnalyticsScenario());
        register(new SearchScenario());
        register(new ImportScenario());
        register(new PlatformScenario());
        register(new StatusQueriesScenario());
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
