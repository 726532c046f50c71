package dev.parley.server;

import com.mongodb.MongoException;
import dev.parley.Parley;
import dev.parley.store.IndexInitializer;
import dev.parley.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Ensures indexes (PARLEY_INIT_DB, default true), applies pending migrations (PARLEY_MIGRATE, default
 * true) and the bootstrap tenant (PARLEY_BOOTSTRAP_KEY)
 * once MongoDB answers. Runs in the background with back-off, so the server starts and reports
 * itself unhealthy, rather than crashing, while MongoDB is down (seed 001's graceful failure).
 */
@Component
class StartupTasks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final Parley parley;
    private final boolean initDb;
    private final String bootstrapKey;
    private final boolean migrate;
    private volatile boolean done;

    StartupTasks(Parley parley, @Value("${PARLEY_INIT_DB:true}") boolean initDb,
                 @Value("${PARLEY_MIGRATE:true}") boolean migrate,
                 @Value("${PARLEY_BOOTSTRAP_KEY:}") String bootstrapKey) {
        this.parley = parley;
        this.initDb = initDb;
        this.migrate = migrate;
        this.bootstrapKey = bootstrapKey;
    }

    @Override
    public void run(ApplicationArguments args) {
        Thread thread = new Thread(this::runUntilDone, "parley-startup-tasks");
        thread.setDaemon(true);
        thread.start();
    }

    boolean done() {
        return done;
    }

    private void runUntilDone() {
        long backoffMs = 500;
        while (!done) {
            try {
                if (initDb) {
                    for (IndexInitializer.Outcome outcome : parley.initDb()) {
                        log.info("index {}", outcome.line());
                    }
                }
                if (migrate) {
                    parley.migrate(false).forEach(outcome -> log.info("migration {}", outcome.line()));
                }
                if (!bootstrapKey.isBlank()) {
                    parley.tenants().ensureBootstrap(bootstrapKey);
                    log.info("PARLEY_BOOTSTRAP_KEY accepted for tenant demo");
                }
                done = true;
            } catch (MongoException | StoreUnavailableException e) {
                log.warn("MongoDB not reachable yet ({}); retrying start-up tasks in {} ms", e.getMessage(), backoffMs);
                sleep(backoffMs);
                backoffMs = Math.min(backoffMs * 2, 30_000);
            } catch (RuntimeException e) {
                log.error("start-up task failed and will not be retried: {}", e.getMessage());
                done = true;
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
