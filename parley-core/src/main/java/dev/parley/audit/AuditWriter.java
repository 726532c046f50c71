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
 * are answered once it is durable. Entries are keyed ({@link AuditKeys}), and the head is moved
 * and signed once per tenant per batch, not per entry. The {@code _id} {@code <tenant>|<seq>} keeps the chain gap-free
 * and unforked without transactions: if another process appended first, the insert stops at the
 * duplicate key and the rest of the batch is chained again after what that process wrote.
 */
public final class AuditWriter implements AutoCloseable {

    static final String LOGS = "audit_logs";
    static final String HEADS = "audit_heads";
    static final String HEAD = "chain";
    private static final int MAX_ATTEMPTS = 50;

    /** One caller's entries, appended consecutively. */
    private record Append(String tenant, List<Document> entries) {
    }

    private final MongoStore store;
    private final AuditKeys keys;
    private final GroupCommit<Append> commits;
    /** The last entry this process wrote per tenant: the next append starts there without a read. */
    private final Map<String, Document> lastWritten = new ConcurrentHashMap<>();

    public AuditWriter(MongoStore store, AuditKeys keys) {
        this.store = store;
        this.keys = keys;
        this.commits = store.groupCommit("audit-writer", this::write, append -> append.entries.size(), 5_000);
    }

    Document append(String tenant, Document entry) {
        return appendAll(tenant, List.of(entry)).get(0);
    }

    /**
     * The tenant's chain was replaced under this writer (a restore with --drop put an older one
     * back): the next append reads the chain's end again instead of continuing after the last
     * entry this process wrote, which would leave a gap.
     */
    public void forget(String tenant) {
        lastWritten.remove(tenant);
    }

    /** Appends the entries consecutively, in one durable write with whatever else is pending. */
    @SuppressWarnings("unchecked")
    List<Document> appendAll(String tenant, List<Document> entries) {
        return (List<Document>) commits.submit(new Append(tenant, entries));
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
        List<Document> entries = new ArrayList<>();
        pending.forEach(request -> entries.addAll(request.value().entries()));
        List<Document> chained = new ArrayList<>(entries.size());
        int done = 0;
        for (int attempt = 0; attempt < MAX_ATTEMPTS && done < entries.size(); attempt++) {
            Document last = lastWritten.computeIfAbsent(tenant, t -> AuditChain.last(logs, heads).orElse(AuditChain.GENESIS));
            long seq = last.get("seq", Number.class).longValue();
            String prev = last.getString("hash");
            List<Document> round = new ArrayList<>(entries.size() - done);
            for (Document input : entries.subList(done, entries.size())) {
                seq++;
                Document entry = new Document(input).append("organization_id", tenant).append("seq", seq).append("prev_hash", prev)
                        .append(AuditKeys.ALG_FIELD, AuditKeys.KEYED);
                entry.append("hash", keys.hash(entry));
                entry.put("_id", logs.key(AuditChain.localId(seq)));
                prev = entry.getString("hash");
                round.add(entry);
            }
            int inserted = logs.insertInOrderUntilDuplicate(round);
            chained.addAll(round.subList(0, inserted));
            done += inserted;
            if (inserted > 0) {
                Document newest = round.get(inserted - 1);
                AuditChain.advanceHead(heads, keys, newest);
                lastWritten.put(tenant, newest);
            }
            if (inserted < round.size()) {
                lastWritten.remove(tenant); // another process appended: continue after its entries
            }
        }
        int position = 0;
        for (GroupCommit.Request<Append> request : pending) {
            int n = request.value().entries().size();
            if (position + n <= done) {
                request.result(chained.subList(position, position + n).stream().map(AuditChain::view).toList());
            }
            position += n;
        }
        if (done < entries.size()) {
            throw new StoreUnavailableException("audit appends kept losing races after " + MAX_ATTEMPTS + " attempts", null);
        }
    }

    @Override
    public void close() {
        commits.close();
    }
}
