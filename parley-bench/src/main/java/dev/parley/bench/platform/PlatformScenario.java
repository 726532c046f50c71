package dev.parley.bench.platform;

import dev.parley.bench.BenchParams;
import dev.parley.bench.Comparison;
import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.Goal;
import dev.parley.bench.ResultRow;
import dev.parley.bench.Scenario;
import dev.parley.bench.ScenarioReport;
import dev.parley.bench.Throughput;
import dev.parley.platform.Locks;
import dev.parley.platform.Platform;
import dev.parley.platform.PlatformConfig;
import dev.parley.platform.RedisServerProcess;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Redis platform's throughput on a real {@code redis-server} (REDIS_URL, or one started from
 * the PATH): rate-limit decisions (Bucket4j compare-and-swap) over 1,000 keys, and lock
 * acquire-and-release cycles over 100 lock names, each against the in-process implementation in
 * the same run. Redis is the price of sharing budgets and locks between instances; the ratio shows it.
 */
public final class PlatformScenario implements Scenario {

    private static final int KEYS = 1_000;
    private static final int LOCK_NAMES = 100;

    @Override
    public String name() {
        return "platform";
    }

    @Override
    public String description() {
        return "Redis rate limiter decisions/s and lock cycles/s (real redis-server) vs the in-process implementations";
    }

    @Override
    public ScenarioReport run(BenchParams params) throws Exception {
        System.err.println(name() + ":");
        String url = System.getenv("REDIS_URL");
        RedisServerProcess started = url == null || url.isBlank() ? RedisServerProcess.start() : null;
        try (Platform redis = Platform.connect(PlatformConfig.from(Map.of("REDIS_URL", started != null ? started.url() : url)::get));
             Platform local = Platform.connect(PlatformConfig.IN_PROCESS)) {
            int operations = params.quick() ? 5_000 : 50_000;
            int clients = Math.min(params.clients(), 16);
            String run = Long.toString(System.nanoTime(), 36) + ":";
            rateLimits(redis, run, clients, 2_000);
            rateLimits(local, run, clients, 2_000);
            Throughput redisLimits = rateLimits(redis, run, clients, operations);
            Throughput localLimits = rateLimits(local, run, clients, operations);
            System.err.printf(Locale.ROOT, "  rate limits: redis %s, in-process %s%n", redisLimits.format("decisions"),
                    localLimits.format("decisions"));
            locks(redis, run, clients, 1_000);
            Throughput redisLocks = locks(redis, run, clients, operations / 5);
            Throughput localLocks = locks(local, run, clients, operations / 5);
            System.err.printf(Locale.ROOT, "  locks: redis %s, in-process %s%n", redisLocks.format("cycles"), localLocks.format("cycles"));
            List<ResultRow> rows = List.of(
                    new Comparison("rate-limit decisions/s on Redis (Bucket4j CAS) vs in-process, " + KEYS + " keys",
                            redisLimits, localLimits, Goal.atLeast(0), "decisions"),
                    new Comparison("lock acquire+release cycles/s on Redis (Lua, fencing token) vs in-process, " + LOCK_NAMES + " names",
                            redisLocks, localLocks, Goal.atLeast(0), "cycles"));
            List<String> notes = new ArrayList<>();
            notes.add(String.format(Locale.ROOT, "platform: %d client threads, %,d decisions and %,d lock cycles per implementation;"
                    + " Redis %s", clients, operations, operations / 5, started != null ? "started from the PATH on loopback" : "at REDIS_URL"));
            return new ScenarioReport(rows, notes);
        } finally {
            if (started != null) {
                started.close();
            }
        }
    }

    private static Throughput rateLimits(Platform platform, String run, int clients, int operations) throws InterruptedException {
        return ConcurrentLoad.run(clients, operations, () -> platform.rateLimiter().tryConsume(
                run + "user:" + ThreadLocalRandom.current().nextInt(KEYS), 1_000_000, Duration.ofHours(1), 1));
    }

    private static Throughput locks(Platform platform, String run, int clients, int operations) throws InterruptedException {
        AtomicLong contended = new AtomicLong();
        return ConcurrentLoad.run(clients, operations, () -> {
            String name = run + "job:" + ThreadLocalRandom.current().nextInt(LOCK_NAMES);
            Locks.Lease lease = platform.locks().tryAcquire(name, Duration.ofSeconds(10), Duration.ZERO).orElse(null);
            if (lease == null) {
                contended.incrementAndGet(); // another client holds this name: a refusal is a decision too
                return;
            }
            lease.release();
        });
    }
}
