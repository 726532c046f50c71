package dev.parley.platform;

/** Seed 003's {@code "redis": {"status": ...}} of {@code /health}. */
public record PlatformHealth(String status, String message, Double latencyMs) {

    public static PlatformHealth disabled() {
        return new PlatformHealth("disabled", "no REDIS_URL: in-process services, one instance only", null);
    }

    public boolean isDown() {
        return "unhealthy".equals(status);
    }
}
