package dev.parley.channels;

import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.fields.InputFields;
import dev.parley.audit.SystemAudit;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.PlatformCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.ConflictException;
import java.time.Duration;
import java.util.Map;

/**
 * The provider numbers and accounts tenants register, so that a webhook naming a
 * {@code phone_number_id} reaches its tenant. Keyed {@code whatsapp|<phone_number_id>}: a webhook
 * is routed with one {@code _id} lookup, before anyone knows the tenant.
 */
public final class ChannelRegistry {

    static final String CHANNELS = "channels";

    /**
     * How long a webhook's channel lookup (a read and two decryptions) is reused. Changes made
     * through this registry apply at once; changes made by another process within this time.
     */
    static final Duration LOOKUP_CACHE = Duration.ofSeconds(5);

    private final PlatformCollection channels;
    private final SecretBox secrets;
    private final SystemAudit audit;
    private final Cache<String, Optional<?>> lookups =
            Caffeine.newBuilder().expireAfterWrite(LOOKUP_CACHE).maximumSize(10_000).build();

    public ChannelRegistry(MongoStore store, SecretBox secrets, SystemAudit audit) {
        this.channels = store.platform(CHANNELS);
        this.secrets = secrets;
        this.audit = audit;
    }

    public static List<IndexSpec> indexes() {
        return List.of(IndexSpec.on(CHANNELS, "organization_id_provider", "provider"));
    }

    /** Registers (or updates) a WhatsApp number for a tenant; another tenant's number is a 409-style refusal. */
    public Document registerWhatsApp(String tenant, String phoneNumberId, Document input) {
        Document in = InputFields.canonical(input, Map.of());
        Document doc = claim(tenant, "whatsapp", "phone_number_id", phoneNumberId);
        boolean fresh = !doc.containsKey("app_secret_sealed");
        String appSecret = InputFields.string(in, "app_secret", fresh, 512);
        String verifyToken = InputFields.string(in, "verify_token", fresh, 512);
        putIfPresent(doc, "display_phone_number", InputFields.string(in, "display_phone_number", false, 64));
        putIfPresent(doc, "waba_id", InputFields.string(in, "waba_id", false, 64));
        putIfPresent(doc, "app_secret_sealed", appSecret == null ? null : secrets.seal(appSecret));
        putIfPresent(doc, "verify_token_sealed", verifyToken == null ? null : secrets.seal(verifyToken));
        channels.replace(doc);
        lookups.invalidate(doc.getString("_id"));
        recordChange(tenant, doc);
        return view(doc);
    }

    /** Registers (or updates) a Twilio account for a tenant, with its auth token. */
    public Document registerTwilio(String tenant, String accountSid, Document input) {
        Document in = InputFields.canonical(input, Map.of());
        Document doc = claim(tenant, "twilio", "account_sid", accountSid);
        String authToken = InputFields.string(in, "auth_token", !doc.containsKey("auth_token_sealed"), 512);
        putIfPresent(doc, "auth_token_sealed", authToken == null ? null : secrets.seal(authToken));
        channels.replace(doc);
        lookups.invalidate(doc.getString("_id"));
        recordChange(tenant, doc);
        return view(doc);
    }

    /** The stored channel {@code provider|id} to update, or a new one; refuses another tenant's. */
    private Document claim(String tenant, String provider, String idField, String id) {
        checkId(idField, id);
        Optional<Document> existing = channels.get(provider + "|" + id);
        if (existing.isPresent() && !tenant.equals(existing.get().getString("organization_id"))) {
            throw new ConflictException(idField + " " + id + " is registered by another tenant");
        }
        Document doc = existing.map(Document::new)
                .orElseGet(() -> new Document("_id", provider + "|" + id).append("created_at", new Date()));
        return doc.append("organization_id", tenant).append("provider", provider).append(idField, id)
                .append("updated_at", new Date());
    }

    /** The Twilio account a callback names: {tenant, auth token}. */
    @SuppressWarnings("unchecked")
    public Optional<String[]> twilio(String accountSid) {
        return (Optional<String[]>) lookups.get("twilio|" + accountSid, key -> channels.get(key)
                .map(doc -> new String[] {doc.getString("organization_id"), secrets.open(doc.getString("auth_token_sealed"))}));
    }

    /** The tenant's channel as the API shows it: no secret, ever. */
    public Document get(String tenant, String provider, String id) {
        return owned(tenant, provider, id).map(ChannelRegistry::view)
                .orElseThrow(() -> new NotFoundException("no " + provider + " channel " + id));
    }

    public List<Document> list(String tenant) {
        List<Document> all = new ArrayList<>();
        for (Document doc : channels.find(new Document("organization_id", tenant)).sort(new Document("_id", 1))) {
            all.add(view(doc));
        }
        return all;
    }

    public void delete(String tenant, String provider, String id) {
        owned(tenant, provider, id).orElseThrow(() -> new NotFoundException("no " + provider + " channel " + id));
        channels.delete(provider + "|" + id);
        lookups.invalidate(provider + "|" + id);
        audit.record(tenant, SystemAudit.entry("delete", "channel", provider + "|" + id, null));
    }

    /** The channel a webhook names, with its secrets opened. */
    @SuppressWarnings("unchecked")
    public Optional<WhatsAppChannel> whatsApp(String phoneNumberId) {
        return (Optional<WhatsAppChannel>) lookups.get("whatsapp|" + phoneNumberId, key -> channels.get(key)
                .map(doc -> new WhatsAppChannel(doc.getString("organization_id"),
                        phoneNumberId, doc.getString("display_phone_number"), doc.getString("waba_id"),
                        secrets.open(doc.getString("app_secret_sealed")), secrets.open(doc.getString("verify_token_sealed")))));
    }

    /** Every WhatsApp channel, for Meta's verification handshake (which names no number). */
    public List<WhatsAppChannel> allWhatsApp() {
        List<WhatsAppChannel> all = new ArrayList<>();
        for (Document doc : channels.find(new Document("provider", "whatsapp"))) {
            whatsApp(doc.getString("phone_number_id")).ifPresent(all::add);
        }
        return all;
    }

    private Optional<Document> owned(String tenant, String provider, String id) {
        return channels.get(provider + "|" + id).filter(doc -> tenant.equals(doc.getString("organization_id")));
    }

    /** Registrations are audited without their secrets (only that a secret was set). */
    private void recordChange(String tenant, Document doc) {
        Document after = view(doc);
        after.remove("created_at");
        after.remove("updated_at");
        audit.record(tenant, SystemAudit.entry("update", "channel", doc.getString("_id"), after));
    }

    private static Document view(Document doc) {
        Document view = new Document(doc);
        view.remove("_id");
        view.remove("app_secret_sealed");
        view.remove("verify_token_sealed");
        view.remove("auth_token_sealed");
        if (doc.containsKey("auth_token_sealed")) {
            view.append("auth_token_set", true);
        }
        if ("whatsapp".equals(doc.getString("provider"))) {
            view.append("app_secret_set", doc.containsKey("app_secret_sealed"))
                    .append("verify_token_set", doc.containsKey("verify_token_sealed"));
        }
        return view;
    }

    private static void checkId(String field, String id) {
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            throw new InvalidInputException(field, "must be 1-64 letters, digits, '_' or '-'");
        }
    }

    private static void putIfPresent(Document doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
