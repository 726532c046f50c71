package dev.parley.bench.webhookingest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signed, Meta-shaped WhatsApp status webhooks. Event {@code n} is status {@code n % 3}
 * (sent, delivered, read) of message {@code wamid.<n / 3>}, so every message gets three events
 * and no two payloads carry the same event. Thread-safe.
 */
final class StatusPayloads {

    /** One delivery: the raw body, its {@code X-Hub-Signature-256}, and how many status events it holds. */
    record Payload(byte[] body, String signature, int events) {
    }

    static final int MAX_STATUSES = 50;
    /** Customers written to; each is a conversation, as Meta's recipient_id becomes the conversation id. */
    static final int RECIPIENTS = 10_000;
    private static final String[] STATUSES = {"sent", "delivered", "read"};

    private final String phoneNumberId;
    private final String appSecret;
    private final AtomicLong nextEvent = new AtomicLong();

    StatusPayloads(String phoneNumberId, String appSecret) {
        this.phoneNumberId = phoneNumberId;
        this.appSecret = appSecret;
    }

    /** A payload of 1-{@value #MAX_STATUSES} statuses (uniform), the next events in sequence. */
    Payload next() {
        int events = ThreadLocalRandom.current().nextInt(1, MAX_STATUSES + 1);
        long first = nextEvent.getAndAdd(events);
        byte[] body = json(first, events).getBytes(StandardCharsets.UTF_8);
        return new Payload(body, sign(body), events);
    }

    private String json(long first, int events) {
        long now = System.currentTimeMillis() / 1000;
        StringBuilder out = new StringBuilder(300 * events + 300);
        out.append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{")
                .append("\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",")
                .append("\"metadata\":{\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"")
                .append(phoneNumberId).append("\"},\"statuses\":[");
        for (long event = first; event < first + events; event++) {
            long message = event / 3;
            int status = (int) (event % 3);
            if (event > first) {
                out.append(',');
            }
            out.append("{\"id\":\"wamid.").append(message).append("\",\"status\":\"").append(STATUSES[status])
                    .append("\",\"timestamp\":\"").append(now + status)
                    .append("\",\"recipient_id\":\"").append(16_505_550_000L + message % RECIPIENTS).append('"');
            if (status == 0) { // Meta sends conversation and pricing with "sent"
                out.append(",\"conversation\":{\"id\":\"conv-").append(message % 1_000)
                        .append("\",\"expiration_timestamp\":\"").append(now + 86_400)
                        .append("\",\"origin\":{\"type\":\"marketing\"}},\"pricing\":{\"billable\":true,")
                        .append("\"pricing_model\":\"PMP\",\"category\":\"marketing\",\"type\":\"regular\"}");
            }
            out.append('}');
        }
        return out.append("]}}]}]}").toString();
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
