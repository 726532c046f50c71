package dev.parley.bench.webhookingest;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Registers the benchmark's WhatsApp number for tenant {@code demo} over the tenant API. */
public final class ChannelRegistration {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ChannelRegistration() {
    }

    /**
     * PUTs the channel, retrying until it is accepted: /health turns 200 before the start-up
     * tasks have created the bootstrap tenant, so the key is refused for a moment.
     */
    public static void register(HttpClient client, ServerProcess server, String phoneNumberId, String appSecret)
            throws IOException, InterruptedException {
        String body = "{\"app_secret\":\"" + appSecret + "\",\"verify_token\":\"bench-verify-token\"}";
        HttpRequest put = HttpRequest.newBuilder(server.uri("/api/v1/channels/whatsapp/" + phoneNumberId))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + server.apiKey())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body))
                .build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = client.send(put, HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() == 200) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("channel registration not accepted within " + TIMEOUT.toSeconds() + " s: "
                + (last == null ? "no answer" : last.statusCode() + " " + last.body()) + "\n" + server.logTail());
    }
}
