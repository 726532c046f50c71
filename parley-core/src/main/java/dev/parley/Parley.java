package dev.parley;

import dev.parley.analytics.Analytics;
import dev.parley.analytics.MetricWriter;
import dev.parley.analytics.Rollups;
import dev.parley.audit.SystemAudit;
import dev.parley.analytics.AnalyticsRetention;
import dev.parley.audit.AuditRetention;
import dev.parley.backup.Backups;
import dev.parley.backup.Restored;
import dev.parley.events.EventRetention;
import dev.parley.messages.MessageRetention;
import dev.parley.retention.RetainedData;
import dev.parley.retention.RetentionAudit;
import dev.parley.retention.RetentionPolicies;
import dev.parley.retention.RetentionSweeper;
import dev.parley.seeding.DemoData;
import dev.parley.tenancy.Tenant;
import dev.parley.webhooks.RawWebhookRetention;
import org.bson.Document;
import dev.parley.channels.ChannelRegistry;
import dev.parley.channels.SecretBox;
import dev.parley.conversations.Conversations;
import dev.parley.webhooks.RawWebhooks;
import dev.parley.webhooks.TwilioWebhook;
import dev.parley.webhooks.WhatsAppWebhook;
import dev.parley.messages.MessageWriter;
import dev.parley.messages.Messages;
import dev.parley.store.IndexInitializer;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.RoundTrip;
import dev.parley.store.StoreDescription;
import dev.parley.store.StoreHealth;
import dev.parley.tenancy.TenantRegistry;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import dev.parley.audit.AuditKeys;
import dev.parley.audit.AuditTrail;
import dev.parley.audit.AuditWriter;
import dev.parley.contacts.ContactBook;
import dev.parley.contacts.ExportJobs;
import dev.parley.events.EventStore;
import dev.parley.imports.ImportJobs;
import dev.parley.imports.UploadMetadata;
import dev.parley.migrations.Migrations;
import dev.parley.monitoring.StoreStats;
import dev.parley.operations.CompositeOperations;
import dev.parley.search.SearchIndex;
import dev.parley.users.UserDirectory;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Parley as a library: {@code Parley.connect(config).tenant("acme").documents("notes")}.
 * Without a MongoDB setting it starts the embedded server, so it works on a bare machine.
 */
public final class Parley implements AutoCloseable {

    private final MongoStore store;
    private final TenantRegistry tenants;
    private final MessageWriter messageWriter;
    private final AuditWriter auditWriter;
    private final AuditKeys auditKeys;
    private final ChannelRegistry channels;
    private final WhatsAppWebhook whatsApp;
    private final RawWebhooks rawWebhooks;
    private final TwilioWebhook twilio;
    private final Rollups rollups;
    private final MetricWriter metricWriter;
    private final Clock clock;
    private final SecretBox secrets;
    private final RetentionPolicies retention;
    private final RetentionAudit retentionAudit;
    private final SearchIndex searchIndex;
    private final ImportJobs importJobs = new ImportJobs();
    private final UserDirectory users;
    private final ContactBook contactBook;
    private final ExportJobs exportJobs = new ExportJobs();
    private final Instant started;
    private final Backups backups;

    private Parley(MongoStore store, String secretKey, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.started = clock.instant();
        SystemAudit audit = (tenant, entry) -> tenant(tenant).audit().log(entry);
        this.secrets = SecretBox.from(secretKey, store.config().dataDir());
        this.tenants = new TenantRegistry(store, audit);
        this.retentionAudit = (tenant, action, type, id, changes) ->
                audit.record(tenant, new Document(SystemAudit.entry(action, type, id, null)).append("changes", changes));
        this.retention = new RetentionPolicies(store, retentionAudit, clock, this::retainedData);
        this.rollups = new Rollups(store, retention);
        this.metricWriter = new MetricWriter(store, rollups, retention);
        this.searchIndex = new SearchIndex(store);
        this.messageWriter = new MessageWriter(store, rollups, retention, searchIndex, this::conversations);
        this.auditKeys = new AuditKeys(secrets.derive("audit-chain"), secrets::sign);
        this.auditWriter = new AuditWriter(store, auditKeys);
        this.channels = new ChannelRegistry(store, secrets, audit);
        this.rawWebhooks = new RawWebhooks(store);
        this.whatsApp = new WhatsAppWebhook(new TenantMessageIntake(this), channels, rawWebhooks);
        this.twilio = new TwilioWebhook(new TenantMessageIntake(this), channels, rawWebhooks);
        this.users = new UserDirectory(store, audit, clock, PASSWORD_COST);
        this.contactBook = new ContactBook(store);
        this.backups = new Backups(store.dumps(), store.config()::collectionName, new TenantRestores(this));
    }

    /** bcrypt's cost: about 0.1 s per hash on a small server, the usual advice. */
    private static final int PASSWORD_COST = 10;

    /**
     * A key for {@code purpose} (e.g. signing access tokens), derived from PARLEY_SECRET_KEY (or
     * the data directory's key file): instances sharing the secret share the key.
     */
    public byte[] derivedKey(String purpose) {
        return secrets.derive(purpose);
    }

    /**
     * Calls {@code listener} with a tenant whenever its analytics change (metrics logged, messages
     * counted, rollups rebuilt), e.g. to drop cached reports. It must be quick and must not throw.
     */
    public void onAnalyticsChanged(Consumer<String> listener) {
        rollups.onChange(listener);
    }

    /** Seed 003's user profiles of every tenant (logins, roles, preferences, quotas). */
    public UserDirectory users() {
        return users;
    }

    public static Parley connect(ParleyConfig config) {
        return connect(config, Clock.systemUTC());
    }

    /** With a clock of the caller's (tests drive retention and "the last N days" with it). */
    public static Parley connect(ParleyConfig config, Clock clock) {
        return new Parley(MongoStore.open(config), config.secretKey(), clock);
    }

    public static Parley connect() {
        return connect(ParleyConfig.fromEnvironment());
    }

    public TenantScope tenant(String organizationId) {
        return new TenantScope(organizationId, this);
    }

    public TenantRegistry tenants() {
        return tenants;
    }

    /** Provider numbers and accounts, by tenant (secrets sealed with PARLEY_SECRET_KEY). */
    public ChannelRegistry channels() {
        return channels;
    }

    /** Every webhook body Parley accepted, verbatim (for operators, replay and retention). */
    public RawWebhooks rawWebhooks() {
        return rawWebhooks;
    }

    /** Twilio's message status callbacks. */
    public TwilioWebhook twilioWebhook() {
        return twilio;
    }

    /** Meta's WhatsApp Cloud API webhook. */
    public WhatsAppWebhook whatsAppWebhook() {
        return whatsApp;
    }

    /**
     * A backup in mongodump's layout under {@code out} (seeds 000, 001): every collection, or one
     * tenant's documents; returns documents written per collection.
     */
    public List<Document> backup(Path out, String tenant, Set<String> collections,
                                                    boolean gzip, BiConsumer<String, Long> progress) {
        return backups.backup(out, tenant, collections, gzip, progress);
    }

    /** Restores a backup, then re-applies the erasure log of each tenant restored: see {@link Backups#restore}. */
    public Restored restore(Path dir, String tenant, boolean drop, String intoTenant,
                            BiConsumer<String, Long> progress) {
        return backups.restore(dir, tenant, drop, intoTenant, progress);
    }

    /** Backups and restores (what {@link #backup} and {@link #restore} do; scheduled backups rotate them). */
    public Backups backups() {
        return backups;
    }

    /** Seed 004's versioned migrations: applies what is pending (or, with {@code dryRun}, says what is). */
    public List<Migrations.Outcome> migrate(boolean dryRun) {
        return new Migrations(store, clock).run(dryRun);
    }

    /** Seed 004's demo data ({@code ./parley seed}), written through the public write paths. */
    public DemoData demoData() {
        return new DemoData(tenants, organization -> new TenantSeedWrites(tenant(organization)));
    }

    /** Seed 000's monitoring: collections, sizes, indexes, documents per tenant, server (reads every collection once). */
    public Document stats() {
        return new StoreStats(store, started).collect(clock.instant());
    }

    /** Where the data lives (mode, a sentence, database), for logs and the CLI. */
    public StoreDescription describeStore() {
        return store.describe();
    }

    /** Whether the store answers within {@code timeoutMs} (health checks, startup). */
    public StoreHealth storeHealth(long timeoutMs) {
        return store.health(timeoutMs);
    }

    /** A probe document written, read and deleted, each step timed (seed 001's {@code /mongodb-test}). */
    public RoundTrip storeRoundTrip() {
        return store.roundTrip();
    }

    /** The names of the collections in the database (a backup's progress). */
    public List<String> collectionNames() {
        return store.collectionNames();
    }

    /** The directory Parley keeps its files in (embedded data, exports, backups). */
    public Path dataDir() {
        return store.config().dataDir();
    }

    /** True when the store is the embedded server Parley started or attached to (no MONGODB_URI). */
    public boolean embeddedStore() {
        return !store.config().external();
    }

    /**
     * The store itself, for the root's wiring only: features get collections, never the store that
     * opens any tenant's (tests and benchmarks reach it through {@code StoreAccess} in the test jar).
     */
    MongoStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    ImportJobs importJobs() {
        return importJobs;
    }

    SearchIndex searchIndex() {
        return searchIndex;
    }

    /** A tenant's conversations: the one place they are built. */
    Conversations conversations(String organizationId) {
        return new Conversations(store.scoped(organizationId, Conversations.COLLECTION), searchIndex);
    }

    MessageWriter messageWriter() {
        return messageWriter;
    }

    ExportJobs exportJobs() {
        return exportJobs;
    }

    /** Links every message's and status's person to the tenant's contacts as they arrive. */
    ContactBook contactBook() {
        return contactBook;
    }

    AuditWriter auditWriter() {
        return auditWriter;
    }

    MetricWriter metricWriter() {
        return metricWriter;
    }

    Rollups rollups() {
        return rollups;
    }

    /** The audit chain's key and signer, derived from PARLEY_SECRET_KEY: never stored in the database. */
    AuditKeys auditKeys() {
        return auditKeys;
    }

    /** Tenants' retention policies and legal holds. */
    public RetentionPolicies retention() {
        return retention;
    }

    /** Deletes what retention expired, tenant by tenant ({@code ./parley retention run}, and hourly in the server). */
    public RetentionSweeper retentionSweeper() {
        return new RetentionSweeper(retainedData(), retention,
                () -> tenants.list().stream().map(Tenant::organizationId).toList(), retentionAudit, clock);
    }

    /** What each feature keeps under a retention policy, by its owner. */
    private List<RetainedData> retainedData() {
        return List.of(new MessageRetention(store, messageWriter), new AuditRetention(store, auditWriter, auditKeys),
                AnalyticsRetention.points(store), new EventRetention(store), new RawWebhookRetention(rawWebhooks),
                AnalyticsRetention.rollups(store));
    }

    /** Every index the features declare, in creation order. */
    public static List<IndexSpec> declaredIndexes() {
        List<IndexSpec> all = new ArrayList<>(TenantRegistry.indexes());
        all.addAll(Conversations.indexes());
        all.addAll(Messages.indexes());
        all.addAll(ChannelRegistry.indexes());
        all.addAll(RawWebhooks.indexes());
        all.addAll(EventStore.indexes());
        all.addAll(AuditTrail.indexes());
        all.addAll(Analytics.indexes());
        all.addAll(CompositeOperations.indexes());
        all.addAll(RetentionSweeper.indexes());
        all.addAll(UploadMetadata.indexes());
        all.addAll(UserDirectory.indexes());
        all.addAll(ContactBook.indexes());
        return all;
    }

    /** Creates every declared index idempotently (seed 000's init_mongodb). */
    public List<IndexInitializer.Outcome> initDb() {
        return store.indexes().ensure(declaredIndexes());
    }

    @Override
    public void close() {
        importJobs.close(); // a job cut short stays "processing"; its upload can be imported again with force
        exportJobs.close(); // an export cut short stays "running"; start another
        messageWriter.close();
        rollups.close(); // the message counts still queued
        metricWriter.close();
        auditWriter.close();
        store.close();
    }
}
