package dev.parley.tenancy;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.audit.SystemAudit;
import dev.parley.fields.InputFields;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.PlatformCollection;
import org.bson.Document;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * The tenants and their API keys. Keys are looked up by their digest as {@code _id}, the one
 * lookup that needs no tenant: the tenant is what the key reveals.
 */
public final class TenantRegistry {

    static final String TENANTS = "tenants";
    static final String API_KEYS = "api_keys";
    public static final String BOOTSTRAP_TENANT = "demo";

    private final PlatformCollection tenants;
    private final PlatformCollection apiKeys;
    private final ZoneId defaultZone;
    private final SystemAudit audit;

    public TenantRegistry(MongoStore store, SystemAudit audit) {
        this.tenants = store.platform(TENANTS);
        this.apiKeys = store.platform(API_KEYS);
        this.defaultZone = store.config().defaultTimeZone();
        this.audit = audit;
    }

    public static List<IndexSpec> indexes() {
        return List.of(
                IndexSpec.on(TENANTS, "organization_id_unique").asUnique(),
                IndexSpec.on(API_KEYS, "organization_id_created_at", "created_at"));
    }

    /** Creates a tenant and its first API key. */
    public IssuedKey create(String slug, String name, String timeZone) {
        TenantSlug.check(slug);
        ZoneId zone = zone(timeZone);
        Instant now = Instant.now();
        try {
            tenants.insert(new Document("_id", slug)
                    .append("organization_id", slug)
                    .append("name", name == null || name.isBlank() ? slug : name)
                    .append("timezone", zone.getId())
                    .append("created_at", Date.from(now))
                    .append("updated_at", Date.from(now)));
        } catch (ConflictException e) {
            throw new ConflictException("tenant " + slug + " already exists");
        }
        audit.record(slug, SystemAudit.entry("create", "tenant", slug,
                new Document("name", name == null || name.isBlank() ? slug : name).append("timezone", zone.getId())));
        return issueKey(slug);
    }

    /**
     * Changes a tenant's display name and/or time zone (null leaves one as it is), audited with
     * before and after. Only how times are shown moves: times are stored in UTC and analytics
     * rollups are UTC quarter-hours, so daily and hourly reports are simply read in the new zone.
     */
    public Tenant update(String slug, String name, String timeZone) {
        Document stored = tenants.get(slug).orElseThrow(() -> new NotFoundException("no tenant " + slug));
        if (name == null && timeZone == null) {
            throw new InvalidInputException("body", "names no field to change (name, timezone)");
        }
        Document set = new Document();
        if (name != null) {
            if (name.isBlank() || name.length() > 200) {
                throw new InvalidInputException("name", "must be 1 to 200 characters");
            }
            set.put("name", name);
        }
        if (timeZone != null) {
            ZoneId zone = InputFields.zone("timezone", timeZone, null);
            if (zone == null) {
                throw new InvalidInputException("timezone", "must be an IANA time zone such as Asia/Riyadh");
            }
            set.put("timezone", zone.getId());
        }
        Document before = new Document();
        Document after = new Document();
        set.forEach((field, value) -> {
            before.put(field, stored.get(field));
            after.put(field, value);
        });
        set.put("updated_at", new Date());
        tenants.update(slug, new Document("$set", set));
        Document entry = SystemAudit.entry("update", "tenant", slug, null).append("changes",
                new Document("before", before).append("after", after));
        audit.record(slug, entry);
        return get(slug);
    }

    public Optional<Tenant> find(String slug) {
        return tenants.get(slug).map(TenantRegistry::toTenant);
    }

    public Tenant get(String slug) {
        return find(slug).orElseThrow(() -> new NotFoundException("no tenant " + slug));
    }

    public List<Tenant> list() {
        List<Tenant> all = new ArrayList<>();
        for (Document doc : tenants.find(new Document()).sort(new Document("_id", 1))) {
            all.add(toTenant(doc));
        }
        return all;
    }

    /** Issues a new key for the tenant; with {@code revokeOthers} every earlier key stops working. */
    public IssuedKey rotateKey(String slug, boolean revokeOthers) {
        get(slug);
        if (revokeOthers) {
            Date now = new Date();
            for (Document key : apiKeys.find(new Document("organization_id", slug).append("revoked_at", null))) {
                apiKeys.update(key.getString("_id"), new Document("$set", new Document("revoked_at", now)));
                audit.record(slug, SystemAudit.entry("delete", "api_key", key.getString("key_prefix"),
                        new Document("revoked_at", now)));
            }
        }
        return issueKey(slug);
    }

    /** The tenant a key belongs to, if the key is known and not revoked. */
    public Optional<String> authenticate(String apiKey) {
        if (apiKey == null || apiKey.length() < 16) {
            return Optional.empty();
        }
        return apiKeys.get(CredentialDigest.digest(apiKey))
                .filter(doc -> doc.get("revoked_at") == null)
                .map(doc -> doc.getString("organization_id"));
    }

    /** Makes sure tenant {@code demo} exists and accepts {@code apiKey} (PARLEY_BOOTSTRAP_KEY). */
    public void ensureBootstrap(String apiKey) {
        if (apiKey.length() < 16) {
            throw new InvalidInputException("PARLEY_BOOTSTRAP_KEY", "must be at least 16 characters");
        }
        if (find(BOOTSTRAP_TENANT).isEmpty()) {
            try {
                create(BOOTSTRAP_TENANT, "Demo", null);
            } catch (ConflictException raced) {
                // another instance created it first
            }
        }
        apiKeys.replace(keyDocument(BOOTSTRAP_TENANT, apiKey).append("bootstrap", true));
    }

    private IssuedKey issueKey(String slug) {
        String key = CredentialDigest.newKey();
        Document stored = keyDocument(slug, key);
        apiKeys.insert(stored);
        audit.record(slug, SystemAudit.entry("create", "api_key", stored.getString("key_prefix"), null));
        return new IssuedKey(slug, key);
    }

    /** A key's public id: its first characters, as the tenant's key list and audit entries show them. */
    public static String keyPrefix(String key) {
        return key.substring(0, Math.min(8, key.length()));
    }

    private static Document keyDocument(String slug, String key) {
        return new Document("_id", CredentialDigest.digest(key))
                .append("organization_id", slug)
                .append("key_prefix", keyPrefix(key))
                .append("created_at", new Date());
    }

    private ZoneId zone(String id) {
        return InputFields.zone("timezone", id, defaultZone);
    }

    private static Tenant toTenant(Document doc) {
        return new Tenant(doc.getString("organization_id"), doc.getString("name"),
                ZoneId.of(doc.getString("timezone")), doc.getDate("created_at").toInstant());
    }
}
