package dev.parley.webhooks;

import dev.parley.InvalidInputException;
import dev.parley.channels.ChannelRegistry;
import dev.parley.channels.WhatsAppChannel;
import dev.parley.documents.DocumentJson;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import dev.parley.store.Companion;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import dev.parley.meters.ParleyMeters;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Meta's WhatsApp Cloud API webhook: the verification handshake, signature checks with the app
 * secret of the channel a payload names, the raw payload record, and inbound messages and
 * statuses routed to their tenant through the batched message path. Anything that is valid JSON
 * is acknowledged (Meta retries refused deliveries for days); only a bad signature is refused.
 */
public final class WhatsAppWebhook {

    /** What the endpoint answers: {@code status} is 200, 400 (not JSON) or 401 (bad signature). */
    public record Receipt(int status, String detail, String rawId, int messages, int statuses, List<String> problems) {
    }

    private record Value(Document value, String phoneNumberId, Optional<WhatsAppChannel> channel) {
    }

    /** A routed delivery ready to write: each tenant's share, and the raw record that goes with the last. */
    record Delivery(Map<String, Messages.Prepared> writes, RawWebhooks.Pending record) {
    }

    private final MessageIntake messageIntake;
    private final ChannelRegistry channels;
    private final RawWebhooks raw;
    private final UnroutedDeliveries unrouted;
    private final AtomicLong rejected = new AtomicLong();
    private volatile LoggedDeliveries logged;

    public WhatsAppWebhook(MessageIntake messageIntake, ChannelRegistry channels, RawWebhooks raw) {
        this.messageIntake = messageIntake;
        this.channels = channels;
        this.raw = raw;
        this.unrouted = new UnroutedDeliveries("whatsapp", "phone_number_id", raw);
    }

    /** Meta's GET handshake: the challenge when the verify token is one a channel registered. */
    public Optional<String> handshake(String mode, String token, String challenge) {
        if (!"subscribe".equals(mode) || token == null || challenge == null) {
            return Optional.empty();
        }
        byte[] given = token.getBytes(StandardCharsets.UTF_8);
        boolean known = false;
        for (WhatsAppChannel channel : channels.allWhatsApp()) {
            known |= MessageDigest.isEqual(channel.verifyToken().getBytes(StandardCharsets.UTF_8), given);
        }
        return known ? Optional.of(challenge) : Optional.empty();
    }

    /**
     * From now on, acknowledges a routed delivery once it is in a durable log under {@code dir}
     * and applies it to the store right after, many deliveries to a round (see
     * {@link LoggedDeliveries}); first applies what a previous run logged and did not apply.
     */
    public LoggedDeliveries logDeliveries(Path dir, long maxUnappliedBytes) {
        LoggedDeliveries deliveries = new LoggedDeliveries(this, DeliveryLog.open(dir), maxUnappliedBytes);
        this.logged = deliveries;
        return deliveries;
    }

    /** Returns once every delivery acknowledged so far is applied (at once without a delivery log). */
    public void awaitApplied() {
        LoggedDeliveries deliveries = logged;
        if (deliveries != null) {
            deliveries.awaitApplied(Duration.ofSeconds(60));
        }
    }

    /** Deliveries refused for a missing or wrong signature (nothing else of them is kept). */
    public long rejectedSignatures() {
        return rejected.get();
    }

    public Receipt receive(byte[] body, String signature) {
        return receive(body, signature, UnroutedIntake.UNBUDGETED);
    }

    /** A live delivery; one naming no registered number is stored only as {@code intake} allows. */
    public Receipt receive(byte[] body, String signature, UnroutedIntake intake) {
        Receipt receipt = handle(body, signature, null, intake);
        ParleyMeters.webhook("whatsapp", receipt.status());
        return receipt;
    }

    /**
     * Processes a stored payload again, with the channels as they are now (a number registered
     * after the payload came is routed now). Idempotent: replaying twice changes nothing.
     */
    public Receipt replay(Document stored) {
        if (Boolean.TRUE.equals(stored.get("truncated"))) {
            return new Receipt(400, "only the first " + stored.getString("body").length() + " characters of its "
                    + stored.get("body_size") + " bytes were kept (an unrouted payload): it cannot be replayed",
                    stored.getString("_id"), 0, 0, List.of());
        }
        return handle(stored.getString("body").getBytes(StandardCharsets.UTF_8), stored.getString("signature"),
                stored.getString("_id"), UnroutedIntake.UNBUDGETED);
    }

    /**
     * Processes a webhook payload from an import into {@code tenant}, exactly as a live one (same
     * mapping, same status rules), without a signature: the tenant is the importer's. Values for a
     * number another tenant registered are skipped and reported.
     */
    public Receipt importPayload(String tenant, Document payload) {
        List<Value> routed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Value value : values(payload)) {
            if (value.channel.isPresent() && !value.channel.get().organizationId().equals(tenant)) {
                problems.add("phone_number_id " + value.phoneNumberId + " belongs to another tenant");
                continue;
            }
            String display = value.value.get("metadata") instanceof Document metadata
                    ? WhatsAppMapping.text(metadata.get("display_phone_number")) : null;
            routed.add(new Value(value.value, value.phoneNumberId, Optional.of(value.channel.orElse(
                    new WhatsAppChannel(tenant, value.phoneNumberId, display, null, null, null)))));
        }
        Map<String, Messages.Prepared> writes = prepare(routed, problems);
        writes.forEach((t, prepared) -> messageIntake.write(t, prepared, null));
        return new Receipt(200, "ok", null, writes.values().stream().mapToInt(Messages.Prepared::messages).sum(),
                writes.values().stream().mapToInt(Messages.Prepared::statuses).sum(), problems);
    }

    /** Replays stored payloads received since {@code since} (all when null), oldest first; returns how many. */
    public int replayAll(Instant since, String tenant, Consumer<Receipt> progress) {
        awaitApplied(); // every acknowledged payload is in raw_webhooks before the scan
        int count = 0;
        for (Document stored : raw.since("whatsapp", since, tenant)) {
            progress.accept(replay(stored));
            count++;
        }
        return count;
    }

    private Receipt handle(byte[] body, String signature, String storedId, UnroutedIntake intake) {
        Document payload;
        try {
            payload = DocumentJson.parseObject("body", body);
        } catch (InvalidInputException e) {
            return new Receipt(400, e.reason(), storedId, 0, 0, List.of());
        }
        if (payload == null) {
            return new Receipt(400, "body is empty", storedId, 0, 0, List.of());
        }
        List<Value> values = values(payload);
        List<Value> routed = new ArrayList<>();
        boolean anyRegistered = false;
        for (Value value : values) {
            if (value.channel.isPresent()) {
                anyRegistered = true;
                if (WebhookSignature.valid(body, signature, value.channel.get().appSecret())) {
                    routed.add(value);
                }
            }
        }
        if (anyRegistered && routed.isEmpty()) {
            if (storedId == null) {
                rejected.incrementAndGet();
            }
            return new Receipt(401, "missing or wrong X-Hub-Signature-256", storedId, 0, 0, List.of());
        }
        List<String> tenants = routed.stream().map(v -> v.channel.get().organizationId()).distinct().toList();
        if (tenants.isEmpty() && storedId == null) { // no number a tenant registered: nobody's secret vouches for it
            return unrouted.accept(body, signature, values.stream().map(Value::phoneNumberId).toList(), intake);
        }
        List<String> problems = new ArrayList<>();
        values.stream().filter(v -> v.channel.isEmpty())
                .forEach(v -> problems.add("unrouted phone_number_id " + v.phoneNumberId));
        Map<String, Messages.Prepared> writes = prepare(routed, problems);
        int messages = writes.values().stream().mapToInt(Messages.Prepared::messages).sum();
        int statuses = writes.values().stream().mapToInt(Messages.Prepared::statuses).sum();
        Document outcome = new Document("messages", messages).append("statuses", statuses).append("problems", problems);
        if (storedId != null) {
            writes.forEach((tenant, prepared) -> messageIntake.write(tenant, prepared, null));
            raw.recordOutcome(storedId, tenants, outcome, true);
            return new Receipt(200, "ok", storedId, messages, statuses, problems);
        }
        RawWebhooks.Pending record = raw.record("whatsapp", body, signature, anyRegistered ? Boolean.TRUE : null, tenants, outcome);
        LoggedDeliveries deliveries = logged;
        if (deliveries == null) {
            write(writes, record);
        } else {
            deliveries.accept(new Delivery(writes, record));
        }
        return new Receipt(200, "ok", record.id(), messages, statuses, problems);
    }

    /**
     * Writes each tenant's share, the raw record going with the last one: one batch and one flush
     * carry the delivery's body and its effects, and it is acknowledged only once both are durable.
     */
    private void write(Map<String, Messages.Prepared> writes, RawWebhooks.Pending record) {
        List<String> tenants = tenantsWithWrites(writes);
        try {
            if (tenants.isEmpty()) {
                raw.store(record);
                return;
            }
            for (String tenant : tenants) {
                boolean last = tenant.equals(tenants.get(tenants.size() - 1));
                messageIntake.write(tenant, writes.get(tenant), last ? record.write() : null);
            }
        } catch (RuntimeException e) {
            raw.storeFailed(record, e);
            throw e;
        }
    }

    /**
     * Writes many deliveries in shared group-commit rounds; returns each one's failure (null where
     * it is written and durable).
     */
    List<RuntimeException> writeAll(List<Delivery> deliveries) {
        List<RuntimeException> failures = new ArrayList<>(Collections.nCopies(deliveries.size(), (RuntimeException) null));
        Map<String, Shares> byTenant = new LinkedHashMap<>();
        for (int i = 0; i < deliveries.size(); i++) {
            Delivery delivery = deliveries.get(i);
            List<String> tenants = tenantsWithWrites(delivery.writes);
            try {
                if (tenants.isEmpty()) {
                    raw.store(delivery.record);
                }
            } catch (RuntimeException e) {
                failures.set(i, e);
            }
            for (String tenant : tenants) {
                boolean last = tenant.equals(tenants.get(tenants.size() - 1));
                byTenant.computeIfAbsent(tenant, t -> new Shares()).add(i, delivery.writes.get(tenant),
                        last ? delivery.record.write() : null);
            }
        }
        List<Messages.Queued> queued = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        byTenant.forEach((tenant, shares) -> {
            try {
                queued.addAll(messageIntake.queue(tenant, shares.prepared, shares.companions));
                owners.addAll(shares.owners);
            } catch (RuntimeException e) {
                shares.owners.forEach(i -> failures.set(i, e));
            }
        });
        List<RuntimeException> written = messageIntake.writeAll(queued);
        for (int q = 0; q < written.size(); q++) {
            if (written.get(q) != null && failures.get(owners.get(q)) == null) {
                failures.set(owners.get(q), written.get(q));
            }
        }
        return failures;
    }

    /** One tenant's shares of a round's deliveries, with the index of the delivery each came from. */
    private static final class Shares {

        final List<Integer> owners = new ArrayList<>();
        final List<Messages.Prepared> prepared = new ArrayList<>();
        final List<Companion> companions = new ArrayList<>();

        void add(int owner, Messages.Prepared share, Companion companion) {
            owners.add(owner);
            prepared.add(share);
            companions.add(companion);
        }
    }

    /** Keeps the body of a delivery that could not be written, its error as the outcome, for a replay. */
    void storeFailed(Delivery delivery, RuntimeException error) {
        raw.storeFailed(delivery.record, error);
    }

    /**
     * A logged delivery as it is applied after a restart: its body routed again to the tenants it
     * was routed to when it was acknowledged (its signature was checked then).
     */
    Delivery recover(Document record) {
        Document payload = DocumentJson.parseObject("body", record.getString("body").getBytes(StandardCharsets.UTF_8));
        List<String> tenants = record.getList("organization_ids", String.class, List.of());
        List<Value> routed = values(payload).stream()
                .filter(v -> v.channel.isPresent() && tenants.contains(v.channel.get().organizationId())).toList();
        return new Delivery(prepare(routed, new ArrayList<>()), raw.pending(record));
    }

    private static List<String> tenantsWithWrites(Map<String, Messages.Prepared> writes) {
        return writes.entrySet().stream().filter(e -> e.getValue().messages() + e.getValue().statuses() > 0)
                .map(Map.Entry::getKey).toList();
    }

    /** Every {@code entry[].changes[].value}, with the channel its {@code metadata.phone_number_id} names. */
    private List<Value> values(Document payload) {
        List<Value> values = new ArrayList<>();
        Map<String, Optional<WhatsAppChannel>> seen = new HashMap<>();
        for (Document entry : documents(payload.get("entry"))) {
            for (Document change : documents(entry.get("changes"))) {
                if (!(change.get("value") instanceof Document value)) {
                    continue;
                }
                String phoneNumberId = value.get("metadata") instanceof Document metadata
                        ? WhatsAppMapping.text(metadata.get("phone_number_id")) : null;
                Optional<WhatsAppChannel> channel = phoneNumberId == null ? Optional.empty()
                        : seen.computeIfAbsent(phoneNumberId, channels::whatsApp);
                values.add(new Value(value, phoneNumberId, channel));
            }
        }
        return values;
    }

    /** The routed messages and statuses, per tenant, checked and ready to write. */
    private Map<String, Messages.Prepared> prepare(List<Value> routed, List<String> problems) {
        Map<String, List<Document>> messages = new LinkedHashMap<>();
        Map<String, List<StatusEvent>> statuses = new LinkedHashMap<>();
        for (Value value : routed) {
            WhatsAppChannel channel = value.channel.get();
            Map<String, String> names = new HashMap<>();
            for (Document contact : documents(value.value.get("contacts"))) {
                if (contact.get("profile") instanceof Document profile && contact.get("wa_id") != null) {
                    names.put(contact.get("wa_id").toString(), WhatsAppMapping.text(profile.get("name")));
                }
            }
            for (Document message : documents(value.value.get("messages"))) {
                messages.computeIfAbsent(channel.organizationId(), t -> new ArrayList<>())
                        .add(WhatsAppMapping.inbound(message, channel.phoneNumberId(), channel.displayPhoneNumber(), names));
            }
            for (Document status : documents(value.value.get("statuses"))) {
                Optional<StatusEvent> event = WhatsAppMapping.status(status).filter(e -> !e.messageId().isBlank());
                if (event.isPresent()) {
                    statuses.computeIfAbsent(channel.organizationId(), t -> new ArrayList<>()).add(event.get());
                } else {
                    problems.add("status not understood: " + status.toJson());
                }
            }
            for (Document error : documents(value.value.get("errors"))) {
                problems.add("error from Meta: " + error.toJson());
            }
        }
        Map<String, Messages.Prepared> prepared = new LinkedHashMap<>();
        for (Value value : routed) {
            String tenant = value.channel.get().organizationId();
            prepared.computeIfAbsent(tenant, t -> messageIntake.prepare(t, messages.getOrDefault(t, List.of()),
                    statuses.getOrDefault(t, List.of()),
                    (refused, i) -> problems.add("message skipped: messages[" + i + "]." + refused.getMessage())));
        }
        return prepared;
    }

    private static List<Document> documents(Object value) {
        List<Document> out = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Document doc) {
                    out.add(doc);
                }
            }
        }
        return out;
    }
}
