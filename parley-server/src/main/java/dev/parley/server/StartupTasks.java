package dev.parley.server;

import com.mongodb.MongoException;
import dev.parley.InvalidInputException;
import dev.parley.Parley;
import dev.parley.migrations.Migrations;
import dev.parley.server.health.StartupState;
import dev.parley.store.IndexInitializer;
import dev.parley.store.StoreDescription;
import dev.parley.store.StoreHealth;
import dev.parley.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Ensures indexes (PARLEY_INIT_DB, default true), applies pending migrations (PARLEY_MIGRATE, default
 * true) and the bootstrap tenant (PARLEY_BOOTSTRAP_KEY) once MongoDB answers, then says where
 * Parley is and how to get a key. Runs in the background with back-off, so the server starts and
 * reports itself unhealthy, rather than crashing, while MongoDB is down (seed 001's graceful
 * failure); readiness stays DOWN until the tasks are done ({@link StartupState}).
 */
@Component
class StartupTasks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final Parley parley;
    private final boolean initDb;
    private final String bootstrapKey;
    private final boolean migrate;
    private final StartupState state;
    private final Environment environment;

    StartupTasks(Parley parley, StartupSettings settings, StartupState state, Environment environment) {
        this.parley = parley;
        this.initDb = settings.initDb();
        this.migrate = settings.migrate();
        this.bootstrapKey = settings.bootstrapKey();
        this.state = state;
        this.environment = environment;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread thread = new Thread(this::runUntilDone, "parley-startup-tasks");
        thread.setDaemon(true);
        thread.start();
    }

    private void runUntilDone() {
        long backoffMs = 500;
        while (state.phase() == StartupState.Phase.RUNNING) {
            try {
                // index creation reports an unreachable store per index instead of failing: ask first
                StoreHealth store = parley.storeHealth(5_000);
                if (!store.healthy()) {
                    throw new StoreUnavailableException(store.detail(), null);
                }
                if (initDb) {
                    logIndexes(parley.initDb());
                }
                if (migrate) {
                    logMigrations(parley.migrate(false));
                }
                if (!bootstrapKey.isBlank()) {
                    parley.tenants().ensureBootstrap(bootstrapKey);
                }
                state.done();
                announce();
            } catch (MongoException | StoreUnavailableException e) {
                log.warn("MongoDB not reachable yet ({}); retrying start-up tasks in {} ms", e.getMessage(), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            } catch (RuntimeException e) {
                String reason = e instanceof InvalidInputException invalid ? invalid.field() + " " + invalid.reason() : e.getMessage();
                log.error("start-up task failed and will not be retried: {}; Parley stays not ready (readiness DOWN)", reason);
                state.failed(reason);
            }
        }
    }

    /** One line for the lot; each index at DEBUG, and those that need a look at WARN. */
    private static void logIndexes(List<IndexInitializer.Outcome> outcomes) {
        for (IndexInitializer.Outcome outcome : outcomes) {
            boolean fine = outcome.status() == IndexInitializer.Status.CREATED || outcome.status() == IndexInitializer.Status.PRESENT;
            if (fine) {
                log.debug("index {}", outcome.line());
            } else {
                log.warn("index {}", outcome.line());
            }
        }
        Map<IndexInitializer.Status, Long> counts = new TreeMap<>(outcomes.stream()
                .collect(Collectors.groupingBy(IndexInitializer.Outcome::status, Collectors.counting())));
        log.info("indexes: {} ensured ({}); each one with --logging.level.dev.parley.server.StartupTasks=DEBUG or ./parley init-db",
                outcomes.size(), counts.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase()).collect(Collectors.joining(", ")));
    }

    private static void logMigrations(List<Migrations.Outcome> outcomes) {
        outcomes.forEach(outcome -> {
            if (outcome.status().equals("applied")) {
                log.info("migration {}", outcome.line());
            } else {
                log.debug("migration {}", outcome.line());
            }
        });
    }

    /** What a person starting Parley needs next: where it is, where its data lives, how to get a key. */
    private void announce() {
        String url = "http://" + host() + ":" + environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        int tenants = parley.tenants().list().size();
        StoreDescription store = parley.describeStore();
        String keys;
        if (!bootstrapKey.isBlank()) {
            keys = "PARLEY_BOOTSTRAP_KEY is the API key of tenant demo";
        } else if (tenants == 0) {
            keys = "no tenant yet: ./parley tenants create acme --json prints one with its API key (shown once), "
                    + "./parley seed makes a demo tenant with data and prints its key";
        } else {
            keys = tenants + " tenant(s) (./parley tenants list); a new API key: ./parley tenants rotate-key <tenant> --keep-old --json";
        }
        log.info("""
                Parley is ready at {}/ (dashboard; API description at {}/swagger-ui.html)
                  store: {} ({}), database {}
                  keys:  {}""", url, url, store.mode(), store.detail(), store.database(), keys);
    }

    private String host() {
        String address = environment.getProperty("server.address");
        return address == null || address.isBlank() || address.equals("0.0.0.0") ? "localhost" : address;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
