package dev.parley.backup;

import dev.parley.InvalidInputException;
import dev.parley.audit.SystemAudit;
import dev.parley.contacts.ContactBook;
import dev.parley.contacts.ErasureReapply;
import dev.parley.store.MongoDump;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Backups in mongodump's layout (seeds 000, 001) and restores of them (Parley's or mongodump's),
 * of everything or of one tenant, optionally into another tenant; a restore then re-applies the
 * erasure log of each tenant restored, so a backup taken before an erasure never brings the
 * person back.
 */
public final class Backups {

    private final MongoDump dumps;
    private final UnaryOperator<String> storedName;
    private final RestoredTenants tenants;

    /**
     * @param storedName a collection's stored name (a deployment may rename collections)
     * @param tenants    what each tenant restored needs done afterwards
     */
    public Backups(MongoDump dumps, UnaryOperator<String> storedName, RestoredTenants tenants) {
        this.dumps = dumps;
        this.storedName = storedName;
        this.tenants = tenants;
    }

    /**
     * A backup in mongodump's layout under {@code out}: every collection, or one tenant's
     * documents; returns documents written per collection.
     */
    public List<Document> backup(Path out, String tenant, Set<String> collections, boolean gzip, BiConsumer<String, Long> progress) {
        return dumps.dump(out, tenant, collections, gzip, progress);
    }

    /**
     * Restores a backup (Parley's or mongodump's): all of it, or one tenant's documents
     * ({@code tenant}), optionally into another tenant ({@code intoTenant}: its keys and tenant
     * fields rewritten; the audit chain and the erasure log, bound to their tenant, are not
     * copied), after deleting what is there ({@code drop}; never the erasure log, which keeps what
     * is there and what the backup adds). Then re-applies the erasure log of each tenant restored
     * (a backup taken before an erasure brings the person back): their contacts found by identifier
     * are erased again; into another tenant, the source tenant's erasures also apply to the contacts
     * that came from its backup. Audited in each tenant restored.
     */
    public Restored restore(Path dir, String tenant, boolean drop, String intoTenant, BiConsumer<String, Long> progress) {
        if (intoTenant != null && tenant == null) {
            throw new InvalidInputException("into-tenant", "needs --tenant: the tenant to take out of the backup");
        }
        String target = intoTenant != null ? intoTenant : tenant;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Predicate<Document> keep = doc -> {
            Object owner = doc.get(ScopedCollection.TENANT_FIELD);
            if (tenant != null && !tenant.equals(owner)) {
                return false;
            }
            if (owner != null) {
                seen.add(owner.toString());
            }
            return true;
        };
        UnaryOperator<Document> rewrite = intoTenant == null ? doc -> doc
                : doc -> TenantRewrite.into(doc, tenant, intoTenant);
        String erasureLog = storedName.apply(ContactBook.ERASURES);
        List<Document> rows = dumps.restore(dir, keep, rewrite,
                drop ? (target == null ? new Document() : new Document(ScopedCollection.TENANT_FIELD, target)) : null,
                progress, intoTenant == null ? Set.of() : Set.of("audit_logs", "audit_heads", erasureLog),
                Set.of(erasureLog));
        Set<String> restored = intoTenant != null ? Set.of(intoTenant) : seen;
        restored.forEach(tenants::forgetAuditChain);
        Map<String, ErasureReapply.Outcome> reapplied = new TreeMap<>();
        for (String organization : restored) {
            reapplied.put(organization, reapplyErasures(dir, organization, intoTenant == null ? null : tenant));
        }
        for (String organization : restored) {
            if (tenants.exists(organization)) {
                ErasureReapply.Outcome outcome = reapplied.get(organization);
                tenants.audit(organization, new Document(SystemAudit.entry("create", "restore",
                        dir.getFileName().toString(), null)).append("changes", new Document("after",
                        new Document("from", tenant == null ? "backup" : tenant).append("dropped_first", drop)
                                .append("erasures_reapplied", outcome.erased().size())
                                .append("erasures_blocked", outcome.blocked().size()))));
            }
        }
        return new Restored(rows, reapplied);
    }

    /**
     * The erasure log of {@code organization} re-applied to what was restored into it; with
     * {@code source} (restored into another tenant), the source tenant's erasures too, to the
     * contacts found that its backup in {@code dir} holds.
     */
    private ErasureReapply.Outcome reapplyErasures(Path dir, String organization, String source) {
        ErasureReapply.Outcome outcome = tenants.reapplyErasures(organization);
        if (source == null) {
            return outcome;
        }
        return outcome.plus(tenants.reapplyErasures(organization, source, found -> {
            Set<String> inBackup = new HashSet<>();
            for (String collection : List.of(ContactBook.CONTACTS, ContactBook.IDENTIFIERS)) {
                dumps.read(dir, storedName.apply(collection), doc -> {
                    if (source.equals(doc.get(ScopedCollection.TENANT_FIELD)) && found.contains(doc.get("contact_id"))) {
                        inBackup.add(doc.getString("contact_id"));
                    }
                });
            }
            return inBackup;
        }));
    }
}
