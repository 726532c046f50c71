package dev.parley.users;

import dev.parley.ConflictException;
import dev.parley.ForbiddenException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.audit.SystemAudit;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import dev.parley.store.IndexInitializer;
import java.util.LinkedHashMap;
import java.util.TreeSet;

/**
 * Seed 003's user profiles: who a user is in a tenant ({@code tenant_id} is the tenant's
 * {@code organization_id}), their role, preferences and API quota, and their password hash
 * (never shown). Stored under {@code <tenant>|<user_id>}, so a login or a profile read is one
 * lookup by key. Creating, changing and deleting users is audited in the tenant's chain.
 * <p>Here the caller names the tenant: sign-in, which learns it from the login form or a token
 * ({@link #authenticate}, {@link #account}), and the operator (library, tests). A tenant's own
 * code goes through {@code TenantScope.users()} ({@link TenantUsers}), where the tenant is fixed.
 */
public final class UserDirectory {

    public static final String COLLECTION = "user_profiles";
    public static final int MAX_PAGE_SIZE = 200;
    /** Changes on a password reset or role change (and differs for a user created again): tokens carry it. */
    static final String SESSION_EPOCH = "session_epoch";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    public static final Set<String> THEMES = Set.of("light", "dark", "system");
    private static final Set<String> QUOTA_FIELDS = Set.of("logs_per_day", "api_calls_per_hour", "retention_days");
    private static final Set<String> CREATE_FIELDS = Set.of("user_id", "role", "organization", "preferences", "api_quota", "password",
            "tenant_id");

    private final MongoStore store;
    private final SystemAudit audit;
    private final Clock clock;
    private final Passwords passwords;

    public UserDirectory(MongoStore store, SystemAudit audit, Clock clock, int bcryptStrength) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.passwords = new Passwords(bcryptStrength);
    }

    /** Seed 003's indexes, tenant-first: user_id unique per tenant, tenant_id, (tenant_id, role), created_at. */
    public static List<IndexSpec> indexes() {
        return List.of(
                IndexSpec.on(COLLECTION, "organization_id_user_id_unique", "user_id").asUnique(),
                IndexSpec.on(COLLECTION, "organization_id_tenant_id", "tenant_id"),
                IndexSpec.on(COLLECTION, "organization_id_tenant_id_role", "tenant_id", "role"),
                IndexSpec.on(COLLECTION, "organization_id_created_at", "created_at"));
    }

    public List<String> initializeIndexes() {
        return store.indexes().ensure(indexes()).stream().map(IndexInitializer.Outcome::line).toList();
    }

    private ScopedCollection profiles(String tenant) {
        return store.scoped(tenant, COLLECTION);
    }

    /** The default quota, as seed 003's example shows it. */
    static Document defaultQuota() {
        return new Document("logs_per_day", 100_000L).append("api_calls_per_hour", 1_000L).append("retention_days", 90L);
    }

    /**
     * Creates a profile ({@code user_id} required; {@code role} viewer by default); with a
     * password the user can log in. 409 when the tenant already has that user. This is the
     * operator's way (CLI, library), which may create any role.
     */
    public Document create(String tenant, Document input, String defaultTimeZone) {
        return create(tenant, input, defaultTimeZone, Role.SUPERADMIN);
    }

    /** Creates a profile on behalf of a caller of {@code actorRole}: nobody grants a role above their own. */
    public Document create(String tenant, Document input, String defaultTimeZone, Role actorRole) {
        for (String field : input.keySet()) {
            if (!CREATE_FIELDS.contains(field)) {
                throw new InvalidInputException(field, "is not a profile field (" + new TreeSet<>(CREATE_FIELDS) + ")");
            }
        }
        if (input.get("tenant_id") != null && !tenant.equals(input.get("tenant_id"))) {
            throw new InvalidInputException("tenant_id", "must be the tenant of the request (" + tenant + ") or left out");
        }
        Object userId = userId(input.get("user_id"));
        Role role = input.get("role") == null ? Role.VIEWER : Role.parse("role", input.get("role"));
        if (!actorRole.atLeast(role)) {
            throw new ForbiddenException("cannot grant a role above your own (" + actorRole.wire() + ")");
        }
        Document preferences = new Document("theme", "system").append("timezone", defaultTimeZone)
                .append("notifications", new Document("email", true).append("browser", true));
        if (input.get("preferences") != null) {
            preferenceChanges(input.get("preferences")).forEach((path, value) -> put(preferences, path.substring("preferences.".length()), value));
        }
        Document quota = defaultQuota();
        if (input.get("api_quota") != null) {
            quotaChanges(input.get("api_quota")).forEach((path, value) -> quota.put(path.substring("api_quota.".length()), value));
        }
        Date now = Date.from(clock.instant());
        Document doc = new Document("_id", profiles(tenant).key(String.valueOf(userId))).append("user_id", userId)
                .append("tenant_id", tenant).append("organization", text("organization", input.get("organization"), tenant))
                .append("role", role.wire()).append("preferences", preferences).append("api_quota", quota)
                .append("created_at", now).append("updated_at", now).append(SESSION_EPOCH, newEpoch());
        if (input.get("password") != null) {
            doc.append("password_hash", passwords.hash(text("password", input.get("password"), null)));
        }
        if (profiles(tenant).insertInOrderUntilDuplicate(List.of(doc)) == 0) {
            throw new ConflictException("user " + userId + " already exists in tenant " + tenant);
        }
        profiles(tenant).awaitDurable();
        audit.record(tenant, SystemAudit.entry("create", "user", String.valueOf(userId),
                new Document("role", role.wire()).append("api_quota", quota)));
        return view(doc);
    }

    public Optional<Document> find(String tenant, String userId) {
        return stored(tenant, userId).map(UserDirectory::view);
    }

    /** The profile and session epoch, for checking a token; empty when the user does not exist. */
    public Optional<Account> account(String tenant, String userId) {
        return stored(tenant, userId).map(UserDirectory::account);
    }

    private static Account account(Document stored) {
        return new Account(view(stored), stored.get(SESSION_EPOCH) instanceof String epoch ? epoch : "");
    }

    private static String newEpoch() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public Document get(String tenant, String userId) {
        return find(tenant, userId).orElseThrow(() -> new NotFoundException("no user " + userId + " in tenant " + tenant));
    }

    private Optional<Document> stored(String tenant, String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            return Optional.empty();
        }
        return profiles(tenant).get(userId);
    }

    /**
     * A user's change to their own profile: preferences only ({@code role}, {@code api_quota} and
     * {@code organization} need an admin). Nested objects are merged
     * ({@code {"preferences":{"theme":"light"}}} keeps the other preferences).
     */
    public Document updateOwn(String tenant, String userId, Document patch) {
        return apply(tenant, userId, patch, Role.VIEWER, null, true);
    }

    /**
     * An admin's PATCH of another user: {@code role}, {@code api_quota}, {@code organization},
     * {@code preferences} and {@code password}, all checked before anything is written, in one
     * write. Nobody changes, resets or demotes a user whose role is above their own, nor grants a
     * role above their own. A new password or role ends every session the user had.
     */
    public Document update(String tenant, String userId, Document patch, Role actorRole) {
        Document changes = new Document(patch);
        Object password = changes.remove("password");
        if (patch.containsKey("password") && !(password instanceof String)) {
            throw new InvalidInputException("password", "must be text");
        }
        return apply(tenant, userId, changes, actorRole, (String) password, false);
    }

    private Document apply(String tenant, String userId, Document patch, Role actorRole, String password, boolean own) {
        Document before = stored(tenant, userId).orElseThrow(() -> new NotFoundException("no user " + userId + " in tenant " + tenant));
        if (!own) {
            requireNotAbove(actorRole, before);
        }
        if (patch.isEmpty() && password == null) {
            throw new InvalidInputException("body", "names nothing to change (preferences, role, api_quota, organization, password)");
        }
        Document set = new Document();
        for (Map.Entry<String, Object> field : patch.entrySet()) {
            switch (field.getKey()) {
                case "preferences" -> set.putAll(preferenceChanges(field.getValue()));
                case "api_quota" -> set.putAll(adminOnly(actorRole, "api_quota", quotaChanges(field.getValue())));
                case "organization" -> set.putAll(adminOnly(actorRole, "organization",
                        Map.of("organization", text("organization", field.getValue(), null))));
                case "role" -> {
                    if (own) {
                        throw new InvalidInputException("role", "only an admin can change it");
                    }
                    Role role = Role.parse("role", field.getValue());
                    if (!actorRole.atLeast(role)) {
                        throw new ForbiddenException("cannot grant a role above your own (" + actorRole.wire() + ")");
                    }
                    set.putAll(adminOnly(actorRole, "role", Map.of("role", role.wire())));
                }
                case "user_id", "tenant_id", "_id", "created_at", "updated_at" ->
                        throw new InvalidInputException(field.getKey(), "cannot be changed");
                default -> throw new InvalidInputException(field.getKey(),
                        "is not a profile field (preferences, role, api_quota, organization" + (own ? ")" : ", password)"));
            }
        }
        Document audited = new Document(set);
        if (password != null) {
            set.put("password_hash", passwords.hash(text("password", password, null)));
        }
        if (password != null || set.containsKey("role") && !set.get("role").equals(before.get("role"))) {
            set.put(SESSION_EPOCH, newEpoch()); // every token issued before stops working
        }
        set.put("updated_at", Date.from(clock.instant()));
        profiles(tenant).update(userId, new Document("$set", set));
        profiles(tenant).awaitDurable();
        Document after = get(tenant, userId);
        if (!audited.isEmpty()) {
            audit.record(tenant, new Document(SystemAudit.entry("update", "user", userId, null))
                    .append("changes", new Document("before", pick(view(before), audited.keySet())).append("after", audited)));
        }
        if (password != null) {
            audit.record(tenant, SystemAudit.entry("update", "user_password", userId, null));
        }
        return after;
    }

    /** 403 when {@code target}'s role is above {@code actor}: an admin cannot take over a superadmin. */
    private static void requireNotAbove(Role actor, Document target) {
        Role role = Role.parse("role", target.get("role"));
        if (!actor.atLeast(role)) {
            throw new ForbiddenException("user " + target.get("user_id") + " is a " + role.wire() + ": a " + actor.wire()
                    + " cannot change, reset, demote or delete a user whose role is above their own");
        }
    }

    private static Map<String, Object> adminOnly(Role actor, String field, Map<String, Object> changes) {
        if (!actor.atLeast(Role.ADMIN)) {
            throw new InvalidInputException(field, "only an admin can change it");
        }
        return changes;
    }

    /**
     * The operator's password reset (CLI, library): sets or replaces a user's password and ends
     * every session they had; audited without the password.
     */
    public void setPassword(String tenant, String userId, String password) {
        String hash = passwords.hash(text("password", password, null));
        if (!profiles(tenant).update(userId, new Document("$set", new Document("password_hash", hash)
                .append(SESSION_EPOCH, newEpoch()).append("updated_at", Date.from(clock.instant()))))) {
            throw new NotFoundException("no user " + userId + " in tenant " + tenant);
        }
        profiles(tenant).awaitDurable();
        audit.record(tenant, SystemAudit.entry("update", "user_password", userId, null));
    }

    /** The profile when {@code password} is the user's; the same time is spent when there is no such user. */
    public Optional<Account> authenticate(String tenant, String userId, String password) {
        Optional<Document> stored = tenant == null ? Optional.empty() : stored(tenant, userId);
        boolean matches = passwords.matches(password, stored.map(d -> d.getString("password_hash")).orElse(null));
        return matches ? stored.map(UserDirectory::account) : Optional.empty();
    }

    /** Seed 003's tenant user list, by {@code created_at}, optionally one role. */
    public List<Document> list(String tenant, String role, int page, int pageSize) {
        if (page < 1) {
            throw new InvalidInputException("page", "must be 1 or more");
        }
        if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size", "must be between 1 and " + MAX_PAGE_SIZE);
        }
        Document filter = new Document();
        if (role != null && !role.isBlank()) {
            filter.put("role", Role.parse("role", role).wire());
        }
        return profiles(tenant).find(filter).sort(new Document("created_at", 1).append("_id", 1)).skip((page - 1) * pageSize)
                .limit(pageSize).map(UserDirectory::view).into(new ArrayList<>());
    }

    public long count(String tenant, String role) {
        return profiles(tenant).count(role == null || role.isBlank() ? new Document() : new Document("role", Role.parse("role", role).wire()));
    }

    /** Deletes the profile on behalf of a caller of {@code actorRole} (never one above it); false when there was none. */
    public boolean delete(String tenant, String userId, Role actorRole) {
        Optional<Document> before = stored(tenant, userId);
        if (before.isEmpty()) {
            return false;
        }
        requireNotAbove(actorRole, before.get());
        if (profiles(tenant).deleteByKeys(List.of(userId)) == 0) {
            return false;
        }
        audit.record(tenant, new Document(SystemAudit.entry("delete", "user", userId, null))
                .append("changes", new Document("before", pick(view(before.get()), Set.of("role", "api_quota")))));
        return true;
    }

    /** The profile as the API shows it: everything but the password hash. */
    static Document view(Document stored) {
        Document view = new Document(stored);
        view.remove("password_hash");
        view.remove(SESSION_EPOCH);
        view.remove(ScopedCollection.TENANT_FIELD);
        view.put("has_password", stored.get("password_hash") != null);
        return view;
    }

    private static Document pick(Document doc, Set<String> paths) {
        Document picked = new Document();
        for (String path : paths) {
            Object value = doc;
            for (String part : path.split("\\.")) {
                value = value instanceof Document d ? d.get(part) : null;
            }
            picked.put(path, value);
        }
        return picked;
    }

    private static Object userId(Object value) {
        if (value instanceof Integer || value instanceof Long) {
            long id = ((Number) value).longValue();
            if (id < 0) {
                throw new InvalidInputException("user_id", "must not be negative");
            }
            return id;
        }
        if (value instanceof String text && USER_ID.matcher(text).matches()) {
            return text;
        }
        throw new InvalidInputException("user_id", "is required: a whole number or up to 128 letters, digits and ._@+-");
    }

    private static String text(String field, Object value, String fallback) {
        if (value == null && fallback != null) {
            return fallback;
        }
        if (!(value instanceof String text) || text.isBlank() || text.length() > 200) {
            throw new InvalidInputException(field, "must be text of 1 to 200 characters");
        }
        return text;
    }

    /** {@code preferences.*} as {@code $set} paths, each checked. */
    private static Map<String, Object> preferenceChanges(Object value) {
        Document prefs = object("preferences", value);
        Map<String, Object> set = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : prefs.entrySet()) {
            switch (e.getKey()) {
                case "theme" -> {
                    if (!(e.getValue() instanceof String theme) || !THEMES.contains(theme)) {
                        throw new InvalidInputException("preferences.theme", "must be one of " + new TreeSet<>(THEMES));
                    }
                    set.put("preferences.theme", theme);
                }
                case "timezone" -> set.put("preferences.timezone", zone(e.getValue()));
                case "notifications" -> {
                    for (Map.Entry<String, Object> n : object("preferences.notifications", e.getValue()).entrySet()) {
                        String path = "preferences.notifications." + n.getKey();
                        if (!Set.of("email", "browser").contains(n.getKey())) {
                            throw new InvalidInputException(path, "is not a notification setting (email, browser)");
                        }
                        if (!(n.getValue() instanceof Boolean on)) {
                            throw new InvalidInputException(path, "must be true or false");
                        }
                        set.put(path, on);
                    }
                }
                default -> throw new InvalidInputException("preferences." + e.getKey(), "is not a preference (theme, timezone, notifications)");
            }
        }
        return set;
    }

    private static Map<String, Object> quotaChanges(Object value) {
        Map<String, Object> set = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : object("api_quota", value).entrySet()) {
            String path = "api_quota." + e.getKey();
            if (!QUOTA_FIELDS.contains(e.getKey())) {
                throw new InvalidInputException(path, "is not a quota (" + new TreeSet<>(QUOTA_FIELDS) + ")");
            }
            if (!(e.getValue() instanceof Integer || e.getValue() instanceof Long) || ((Number) e.getValue()).longValue() < 1
                    || ((Number) e.getValue()).longValue() > 1_000_000_000L) {
                throw new InvalidInputException(path, "must be a whole number from 1 to 1000000000");
            }
            set.put(path, ((Number) e.getValue()).longValue());
        }
        return set;
    }

    private static String zone(Object value) {
        if (value instanceof String text) {
            try {
                return ZoneId.of(text).getId();
            } catch (DateTimeException e) {
                // reported below
            }
        }
        throw new InvalidInputException("preferences.timezone", "must be an IANA time zone such as Asia/Riyadh or UTC");
    }

    private static Document object(String field, Object value) {
        if (value instanceof Document doc) {
            return doc;
        }
        if (value instanceof Map<?, ?> map) {
            Document doc = new Document();
            map.forEach((k, v) -> doc.put(String.valueOf(k), v));
            return doc;
        }
        throw new InvalidInputException(field, "must be an object");
    }

    private static void put(Document doc, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            doc.put(path, value);
            return;
        }
        Document inner = doc.get(path.substring(0, dot), Document.class);
        if (inner == null) {
            inner = new Document();
            doc.put(path.substring(0, dot), inner);
        }
        put(inner, path.substring(dot + 1), value);
    }
}
