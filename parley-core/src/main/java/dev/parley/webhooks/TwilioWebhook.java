package dev.parley.webhooks;

import dev.parley.channels.ChannelRegistry;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import dev.parley.meters.ParleyMeters;

/**
 * Twilio's message status callbacks (form-encoded), verified with {@code X-Twilio-Signature}:
 * base64 HMAC-SHA1, keyed by the account's auth token, of the callback URL followed by every
 * parameter name and value in name order. Twilio's statuses map onto Parley's.
 */
public final class TwilioWebhook {

    private static final Map<String, MessageStatus> STATUSES = Map.ofEntries(
            Map.entry("accepted", MessageStatus.PENDING), Map.entry("scheduled", MessageStatus.PENDING),
            Map.entry("queued", MessageStatus.PENDING), Map.entry("sending", MessageStatus.PENDING),
            Map.entry("sent", MessageStatus.SENT), Map.entry("delivered", MessageStatus.DELIVERED),
            Map.entry("read", MessageStatus.READ), Map.entry("undelivered", MessageStatus.FAILED),
            Map.entry("failed", MessageStatus.FAILED), Map.entry("canceled", MessageStatus.FAILED));

    private final MessageIntake messageIntake;
    private final ChannelRegistry channels;
    private final RawWebhooks raw;
    private final UnroutedDeliveries unrouted;
    private final AtomicLong rejected = new AtomicLong();

    public TwilioWebhook(MessageIntake messageIntake, ChannelRegistry channels, RawWebhooks raw) {
        this.messageIntake = messageIntake;
        this.channels = channels;
        this.raw = raw;
        this.unrouted = new UnroutedDeliveries("twilio", "AccountSid", raw);
    }

    public long rejectedSignatures() {
        return rejected.get();
    }

    /** Handles one callback; the answer's status is 200 or 401 (bad signature). */
    public WhatsAppWebhook.Receipt receive(String url, Map<String, String> params, String body, String signature) {
        return receive(url, params, body, signature, UnroutedIntake.UNBUDGETED);
    }

    /** A live callback; one naming no registered account is stored only as {@code intake} allows. */
    public WhatsAppWebhook.Receipt receive(String url, Map<String, String> params, String body, String signature,
                                          UnroutedIntake intake) {
        WhatsAppWebhook.Receipt receipt = handle(url, params, body, signature, intake);
        ParleyMeters.webhook("twilio", receipt.status());
        return receipt;
    }

    private WhatsAppWebhook.Receipt handle(String url, Map<String, String> params, String body, String signature,
                                           UnroutedIntake intake) {
        String accountSid = params.get("AccountSid");
        Optional<String[]> account = accountSid == null ? Optional.empty() : channels.twilio(accountSid);
        if (account.isEmpty()) { // no account a tenant registered: nobody's auth token vouches for it
            return unrouted.accept(body.getBytes(StandardCharsets.UTF_8), signature, Collections.singletonList(accountSid), intake);
        }
        String tenant = account.get()[0];
        if (!valid(url, params, signature, account.get()[1])) {
            rejected.incrementAndGet();
            return new WhatsAppWebhook.Receipt(401, "missing or wrong X-Twilio-Signature", null, 0, 0, List.of());
        }
        String id = raw.store("twilio", body.getBytes(StandardCharsets.UTF_8), signature, Boolean.TRUE, List.of(tenant));
        Optional<StatusEvent> event = event(params);
        List<String> problems = event.isPresent() ? List.of() : List.of("status not understood: " + params.get("MessageStatus"));
        event.ifPresent(e -> messageIntake.recordStatuses(tenant, List.of(e)));
        raw.recordOutcome(id, List.of(tenant), new Document("statuses", event.isPresent() ? 1 : 0).append("problems", problems), false);
        if (event.isEmpty()) {
            raw.awaitDurable(); // otherwise the message writer's flush covered the raw body
        }
        return new WhatsAppWebhook.Receipt(200, "ok", id, 0, event.isPresent() ? 1 : 0, problems);
    }

    static Optional<StatusEvent> event(Map<String, String> params) {
        String sid = params.getOrDefault("MessageSid", params.get("SmsSid"));
        String status = params.getOrDefault("MessageStatus", params.get("SmsStatus"));
        MessageStatus mapped = status == null ? null : STATUSES.get(status.toLowerCase());
        if (sid == null || mapped == null) {
            return Optional.empty();
        }
        Document error = null;
        if (params.get("ErrorCode") != null && !params.get("ErrorCode").isBlank()) {
            error = new Document("code", params.get("ErrorCode")).append("title", params.get("ErrorMessage"))
                    .append("provider_status", status);
        }
        String to = params.get("To");
        String recipient = to == null ? null : to.replaceFirst("^whatsapp:", "").replaceFirst("^\\+", "");
        return Optional.of(new StatusEvent(sid, mapped, Instant.now(), "twilio:" + status.toLowerCase(), recipient,
                StatusEvent.UNTIMED_SOURCE, error, false, null));
    }

    static boolean valid(String url, Map<String, String> params, String signature, String authToken) {
        if (signature == null || authToken == null) {
            return false;
        }
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(params).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] expected = Base64.getEncoder().encode(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
