package dev.parley.bench.webhookingest;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs payloads to {@code /webhooks/whatsapp} the way Meta does and tallies the answers: only a
 * 200 counts as acknowledged; anything else (or no answer) is counted and the first one kept.
 */
final class WebhookSender {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient client;
    private final URI endpoint;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicReference<String> firstRefusal = new AtomicReference<>();

    WebhookSender(HttpClient client, URI endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** Sends one payload and waits for the answer; true when it was acknowledged with 200. */
    boolean send(StatusPayloads.Payload payload) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", payload.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(payload.body()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                acknowledged.incrementAndGet();
                return true;
            }
            refuse(response.statusCode() + " " + response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refuse("interrupted");
        } catch (Exception e) {
            refuse(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return false;
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long refused() {
        return refused.get();
    }

    /** The first non-200 answer or failure, or null. */
    String firstRefusal() {
        return firstRefusal.get();
    }

    private void refuse(String what) {
        refused.incrementAndGet();
        firstRefusal.compareAndSet(null, what.length() > 300 ? what.substring(0, 300) + "..." : what);
    }
}
