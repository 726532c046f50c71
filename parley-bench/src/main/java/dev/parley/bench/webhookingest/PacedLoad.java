package dev.parley.bench.webhookingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Open loop at a fixed offered load: payload {@code i} is due when the events before it, at
 * {@code eventsPerSecond}, would have been sent, whether or not earlier requests were answered.
 * Latency runs from the due time, so a request queued behind slow ones counts its wait
 * (no coordinated omission).
 */
final class PacedLoad {

    /** What the run offered and how its acknowledgements were spread. */
    record Result(AckLatencies latencies, long events, int requests) {
    }

    private static final long LEAD_NANOS = 200_000_000L; // time to schedule everything before the first is due

    private PacedLoad() {
    }

    static Result run(WebhookSender sender, StatusPayloads payloads, double eventsPerSecond, Duration duration,
                      int threads) throws InterruptedException {
        // built up front so the generator's CPU is not taken from the server while measuring
        List<StatusPayloads.Payload> batch = new ArrayList<>();
        List<Long> dueOffsets = new ArrayList<>();
        long events = 0;
        long target = Math.round(eventsPerSecond * duration.toNanos() / 1e9);
        while (events < target) {
            dueOffsets.add(Math.round(events * 1e9 / eventsPerSecond));
            StatusPayloads.Payload payload = payloads.next();
            batch.add(payload);
            events += payload.events();
        }

        AckLatencies latencies = new AckLatencies();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads);
        executor.prestartAllCoreThreads();
        long startNanos = System.nanoTime() + LEAD_NANOS;
        for (int i = 0; i < batch.size(); i++) {
            StatusPayloads.Payload payload = batch.get(i);
            long due = startNanos + dueOffsets.get(i);
            executor.schedule(() -> {
                if (sender.send(payload)) {
                    latencies.add(System.nanoTime() - due);
                }
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        executor.shutdown(); // runs what is scheduled, then ends
        if (!executor.awaitTermination(duration.toSeconds() + 600, TimeUnit.SECONDS)) {
            executor.shutdownNow();
            throw new IllegalStateException("paced requests still unanswered 10 minutes after the run's end");
        }
        return new Result(latencies, events, batch.size());
    }
}
