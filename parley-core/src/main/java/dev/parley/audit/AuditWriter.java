package dev.parley.audit;

import dev.parley.store.GroupCommit;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import dev.parley.store.StoreUnavailableException;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Appends audit entries to each tenant's hash chain through one group commit: concurrent appends
 * of a tenant get consecutive {@code seq} numbers and chained hashes in one ordered insert, and
 * are answered once it is durable. The {@code _id} {@code <tenant>|<seq>} keeps the chain gap-free
 * and unforked without transactions: if another process appended first, the insert stops at the
 * duplicate key and the rest of the batch is chained again after what that process wrote.
 */
public final class AuditWriter implements AutoCloseable {

    static final String LOGS = "audit_logs";
    static final String HEADS = "audit_heads";
    static final String HEAD = "chain";
    private static final int MAX_ATTEMPTS = 50;

    private record Append(String tenant, Document entry) {
    }

    private final MongoStore store;
    private final GroupCommit<Append> commits;
    /** The last entry this process wrote per tenant: the next append starts there without a read. */
    private final Map<String, Document> lastWritten = new ConcurrentHashMap<>();

    public AuditWriter(MongoStore store) {
        this.store = store;
        this.commits = store.groupCommit("audit-writer", this::write, append -> 1, 1_000);
    }

    Document append(String tenant, Document entry) {
        return (Document) commits.submit(new Append(tenant, entry));
    }

    private void write(List<GroupCommit.Request<Append>> requests) {
        GroupCommit.perGroup(requests, Append::tenant, (tenant, appends) -> {
            try {
                writeTenant(tenant, appends);
            } catch (RuntimeException e) {
                lastWritten.remove(tenant); // unsure what landed: read the chain's end next time
                throw e;
            }
        });
    }

    private void writeTenant(String tenant, List<GroupCommit.Request<Append>> pending) {
        ScopedCollection logs = store.scoped(tenant, LOGS);
        ScopedCollection heads = store.scoped(tenant, HEADS);
        List<GroupCommit.Request<Append>> left = new ArrayList<>(pending);
        for (int attempt = 0; attempt < MAX_ATTEMPTS && !left.isEmpty(); attempt++) {
            Document last = lastWritten.computeIfAbsent(tenant, t -> AuditChain.last(logs, heads).orElse(AuditChain.GENESIS));
            long seq = last.get("seq", Number.class).longValue();
            String prev = last.getString("hash");
            List<Document> chained = new ArrayList<>(left.size());
            for (GroupCommit.Request<Append> request : left) {
                seq++;
                Document entry = new Document(request.value().entry()).append("organization_id", tenant)
                        .append("seq", seq).append("prev_hash", prev);
                entry.append("hash", AuditHash.of(entry));
                entry.put("_id", logs.key(AuditChain.localId(seq)));
                prev = entry.getString("hash");
                chained.add(entry);
            }
            int inserted = logs.insertInOrderUntilDuplicate(chained);
            for (int i = 0; i < inserted; i++) {
                left.get(i).result(AuditChain.view(chained.get(i)));
            }
            if (inserted > 0) {
                Document newest = chained.get(inserted - 1);
                heads.updateByKey(HEAD, new Document("$max", new Document("seq", newest.get("seq"))), true);
                lastWritten.put(tenant, newest);
            }
            if (inserted < chained.size()) {
                lastWritten.remove(tenant); // another process appended: continue after its entries
            }
            left = new ArrayList<>(left.subList(inserted, left.size()));
        }
        if (!left.isEmpty()) {
            throw new StoreUnavailableException("audit appends kept losing races after " + MAX_ATTEMPTS + " attempts", null);
        }
    }

    @Override
    public void close() {
        commits.close();
    }
}
