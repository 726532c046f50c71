package dev.parley.bench.webhookreal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Logs the messages a client sent before their statuses come, through {@code POST /api/v1/messages}. */
final class PriorMessages {

    private static final int BATCH = 1_000;

    private PriorMessages() {
    }

    static void log(InetSocketAddress address, String apiKey, List<TrafficPool.LoggedMessage> messages) throws IOException {
        try (HttpConnection connection = new HttpConnection(address)) {
            for (int from = 0; from < messages.size(); from += BATCH) {
                StringBuilder body = new StringBuilder(BATCH * 200).append('[');
                for (int i = from; i < Math.min(messages.size(), from + BATCH); i++) {
                    TrafficPool.LoggedMessage message = messages.get(i);
                    if (i > from) {
                        body.append(',');
                    }
                    body.append("{\"message_id\":\"").append(message.messageId()).append("\",\"conversation_id\":\"")
                            .append(message.recipient()).append("\",\"direction\":\"outbound\",\"sender_type\":\"agent\",")
                            .append("\"channel\":\"whatsapp\",\"message_type\":\"text\",\"content\":\"").append(message.content())
                            .append("\"}");
                }
                byte[] request = HttpConnection.request("POST", "/api/v1/messages", address.getHostString() + ":" + address.getPort(),
                        new String[] {"X-API-Key", apiKey, "Content-Type", "application/json"},
                        body.append(']').toString().getBytes(StandardCharsets.UTF_8));
                HttpConnection.Response response = connection.exchange(request, true);
                if (response.status() != 201) {
                    throw new IllegalStateException("logging messages before the run answered " + response.status() + ": "
                            + response.text());
                }
            }
        }
    }
}
