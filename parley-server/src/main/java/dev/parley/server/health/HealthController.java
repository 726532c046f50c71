package dev.parley.server.health;

import dev.parley.server.web.PublicRoute;
import dev.parley.Parley;
import dev.parley.store.RoundTrip;
import dev.parley.store.StoreDescription;
import dev.parley.store.StoreHealth;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import dev.parley.platform.Platform;
import dev.parley.platform.PlatformHealth;

/** Seed 001's {@code /health} and {@code /mongodb-test}, with seed 003's richer MongoDB state. */
@RestController
@PublicRoute
class HealthController {

    private final Parley parley;
    private final Platform platform;
    private final long timeoutMs;
    private final StartupState startup;

    HealthController(Parley parley, Platform platform, HealthSettings settings,
                     StartupState startup) {
        this.parley = parley;
        this.platform = platform;
        this.timeoutMs = settings.timeoutMs();
        this.startup = startup;
    }

    @GetMapping({"/health", "/health/"})
    ResponseEntity<Map<String, Object>> health() {
        StoreHealth mongo = parley.storeHealth(timeoutMs);
        Map<String, Object> mongodb = new LinkedHashMap<>();
        mongodb.put("status", mongo.healthy() ? "healthy" : "unhealthy");
        mongodb.put("connected", mongo.healthy());
        mongodb.put("mode", mongo.mode());
        mongodb.put("database", mongo.database());
        mongodb.put("latency_ms", mongo.latencyMs());
        mongodb.put("message", mongo.healthy() ? "MongoDB connection successful" : "MongoDB connection failed: " + mongo.detail());
        if (mongo.healthy()) {
            mongodb.put("detail", mongo.detail());
        }
        PlatformHealth cache = platform.health();
        Map<String, Object> redis = new LinkedHashMap<>();
        redis.put("status", cache.status());
        redis.put("mode", platform.mode());
        redis.put("message", cache.message());
        if (cache.latencyMs() != null) {
            redis.put("latency_ms", cache.latencyMs());
        }
        boolean started = startup.phase() == StartupState.Phase.DONE;
        boolean healthy = mongo.healthy() && !cache.isDown() && started;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", healthy ? "healthy" : mongo.healthy() && !cache.isDown() && startup.phase() == StartupState.Phase.RUNNING
                ? "starting" : "unhealthy");
        body.put("mongodb", mongodb);
        body.put("redis", redis);
        body.put("startup", Map.of("status", startup.wire(), "message", startup.detail()));
        return ResponseEntity.status(healthy ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @GetMapping("/mongodb-test")
    Map<String, Object> mongodbTest() {
        RoundTrip trip = parley.storeRoundTrip();
        Map<String, Object> steps = new LinkedHashMap<>();
        steps.put("insert_ms", trip.insertMs());
        steps.put("read_ms", trip.readMs());
        steps.put("delete_ms", trip.deleteMs());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "success");
        StoreDescription store = parley.describeStore();
        body.put("mode", store.mode());
        body.put("database", store.database());
        body.put("probe_id", trip.probeId());
        body.put("steps", steps);
        body.put("total_ms", trip.totalMs());
        return body;
    }
}
