package dev.parley.store;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A declared index that only counting aggregations use, built by the embedded H2 server as the
 * number of documents per key rather than one entry per document: a map from the indexed values
 * to a count, changed by the same insert, update or delete as the document and committed with it.
 * A few thousand keys take a few pages that stay in memory, where an entry per document would
 * scatter every batch's changes over as many pages as it has conversations. It serves
 * {@link GroupCountQuery} only; a {@code find} on its fields scans, as before.
 */
final class CountingIndex extends EmbeddedSecondaryIndex implements GroupCounts {

    /** The declared indexes built this way: seed 002's counts by conversation and status. */
    static final Set<String> BUILT = Set.of("organization_id_conversation_id_status");

    /** True when the embedded server builds the declared index {@code name} this way (see {@link OrderedIndex#SWITCH}). */
    static boolean builds(String name) {
        return BUILT.contains(name) && !"off".equalsIgnoreCase(System.getProperty(OrderedIndex.SWITCH));
    }

    private final MVMap<KeyValue, Long> counts;

    CountingIndex(MVMap<KeyValue, Long> counts, String name, List<IndexKey> keys) {
        super(name, keys);
        this.counts = counts;
    }

    /** Sparse to mongo-java-server's bookkeeping: it gives no document positions, so a delete must not ask it for one. */
    @Override
    protected boolean isSparse() {
        return true;
    }

    /** Described as declared: sparse only to the bookkeeping above. */
    @Override
    public Document toIndexDescription() {
        Document description = super.toIndexDescription();
        description.remove("sparse");
        return description;
    }

    private void count(Document document, long delta) {
        for (KeyValue key : getKeyValues(document)) {
            counts.operate(key, null, new MVMap.DecisionMaker<>() {
                @Override
                public MVMap.Decision decide(Long existing, Long ignored) {
                    return existing != null && existing + delta == 0 ? MVMap.Decision.REMOVE : MVMap.Decision.PUT;
                }

                @Override
                @SuppressWarnings("unchecked")
                public <T extends Long> T selectValue(T existing, T ignored) {
                    return (T) Long.valueOf((existing == null ? 0 : existing) + delta);
                }
            });
        }
    }

    @Override
    public Map<List<Object>, Long> countBy(List<Object> prefix, int depth) {
        Map<List<Object>, Long> grouped = new LinkedHashMap<>();
        KeyValue from = new KeyValue(prefix).normalized();
        var cursor = counts.cursor(from);
        while (cursor.hasNext()) {
            KeyValue key = cursor.next();
            if (!key.stream().limit(prefix.size()).toList().equals(from.stream().toList())) {
                break;
            }
            grouped.merge(key.stream().skip(prefix.size()).limit(depth).toList(), cursor.getValue(), Long::sum);
        }
        return grouped;
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        count(document, 1);
    }

    @Override
    public Object remove(Document document) {
        count(document, -1);
        return null;
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position, MongoCollection<Object> collection) {
        if (!nullAwareEqualsKeys(oldDocument, newDocument)) {
            count(oldDocument, -1);
            count(newDocument, 1);
        }
    }

    @Override
    public long getCount() {
        return counts.sizeAsLong();
    }

    @Override
    public void drop() {
        counts.clear();
    }
}
