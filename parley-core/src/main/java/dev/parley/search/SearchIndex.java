package dev.parley.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import dev.parley.store.Keys;
import java.util.regex.Pattern;

/**
 * Parley's own inverted index, kept in MongoDB and read by key only (so it is as fast on the
 * embedded server, which uses nothing but unique keys, as on a real MongoDB).
 * <ul>
 * <li>Each indexed document gets a number, {@code seq}, from a counter per tenant and kind.
 * A <em>label</em> {@code yyyyMMdd.k} names its UTC day and block {@code k = seq / 1000}.</li>
 * <li>{@code search_postings} {@code <t>|<ns>|<term>|<label>} lists ({@code s}) the seqs of that
 * label whose text holds the term: at most 1,000 numbers, so writes stay small.</li>
 * <li>{@code search_terms} {@code <t>|<ns>|<term>} lists the term's labels (a directory, read to
 * plan a search), and {@code <t>|<ns>~|<first two letters>} lists terms (for prefixes).</li>
 * <li>{@code search_refs} {@code <t>|<ns>|<k>} maps the seqs of block k to document ids.</li>
 * </ul>
 * A search reads directories, then postings newest label first, then the documents by id, and
 * checks each against the query, so an entry left behind (a crash, an edit) is never a wrong hit.
 * Writes are idempotent ({@code $addToSet}); directory and dictionary entries are written before
 * the postings they point to, once per process (remembered), so a crash leaves no posting unlisted.
 */
public final class SearchIndex {

    public static final String POSTINGS = "search_postings";
    public static final String TERMS = "search_terms";
    public static final String REFS = "search_refs";
    public static final int BLOCK = 1_000;
    private static final String HEAD = "head";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    /**
     * A document's place in the index and the terms to add (or remove) for it, each with the
     * positions where it stands ({@link #positions}).
     */
    public record Entry(String localId, long seq, Instant at, Map<String, Integer> terms) {

        String label() {
            return SearchIndex.label(at, seq);
        }

        /** A posting: the seq and the term's positions in one number, {@code seq << 23 | positions}. */
        long posting(String term) {
            return seq << POSITION_BITS | terms.get(term);
        }
    }

    /**
     * Positions are kept modulo 23 as a bit set next to each seq, so that a phrase's words can be
     * checked for standing in a row before any document is read (exact for texts of up to 23
     * words after stop words; longer ones may let a candidate through, which the check of the
     * document itself then drops). 23 bits leave 40 for seqs: a trillion documents per tenant.
     */
    static final int POSITION_BITS = 23;
    static final int POSITION_MASK = (1 << POSITION_BITS) - 1;

    /** Each term of an analysed text with its positions (see {@link #POSITION_BITS}). */
    public static Map<String, Integer> positions(List<String> tokens) {
        Map<String, Integer> positions = new LinkedHashMap<>();
        for (int i = 0; i < tokens.size(); i++) {
            positions.merge(tokens.get(i), 1 << (i % POSITION_BITS), (a, b) -> a | b);
        }
        return positions;
    }

    private final MongoStore store;
    /** Directory and dictionary entries this process has written (they never need writing again). */
    private final Cache<String, Boolean> listed = Caffeine.newBuilder().maximumSize(500_000).build();

    public SearchIndex(MongoStore store) {
        this.store = store;
    }

    public static String label(Instant at, long seq) {
        return DAY.format(at) + "." + String.format("%09d", seq / BLOCK);
    }

    static long block(String label) {
        return Long.parseLong(label.substring(label.indexOf('.') + 1));
    }

    static String day(String label) {
        return label.substring(0, label.indexOf('.'));
    }

    public static String dayOf(Instant at) {
        return DAY.format(at);
    }

    /** Reserves {@code n} numbers for new documents; returns the first. Not durable by itself. */
    public long reserve(String tenant, String ns, int n) {
        return store.scoped(tenant, REFS).incrementAndGet(ns + "|" + HEAD, "seq", n, null) - n + 1;
    }

    /**
     * Adds the entries' terms: dictionary and directory first (only what this process has not
     * written before), then the postings and the seq-to-id pages. Not durable by itself: called
     * inside a group commit, or followed by awaitDurable.
     */
    public void add(String tenant, String ns, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        ScopedCollection terms = store.scoped(tenant, TERMS);
        Map<String, Set<Object>> dictionary = new LinkedHashMap<>();
        Map<String, Set<Object>> directory = new LinkedHashMap<>();
        Map<String, Set<Object>> postings = new LinkedHashMap<>();
        Map<String, Document> refs = new LinkedHashMap<>();
        for (Entry entry : entries) {
            String label = entry.label();
            for (String term : entry.terms().keySet()) {
                String termKey = ns + "|" + term;
                if (listed.getIfPresent(tenant + "|" + termKey + "|" + label) == null) {
                    directory.computeIfAbsent(termKey, k -> new LinkedHashSet<>()).add(label);
                    if (listed.getIfPresent(tenant + "|" + termKey) == null) {
                        dictionary.computeIfAbsent(dictionaryKey(ns, term), k -> new LinkedHashSet<>()).add(term);
                    }
                }
                postings.computeIfAbsent(termKey + "|" + label, k -> new LinkedHashSet<>()).add(entry.posting(term));
            }
            refs.computeIfAbsent(ns + "|" + entry.seq() / BLOCK, k -> new Document())
                    .append("ids." + entry.seq() % BLOCK, entry.localId());
        }
        terms.updateByKeys(addToSet(dictionary, "terms"), true);
        terms.updateByKeys(addToSet(directory, "labels"), true);
        store.scoped(tenant, POSTINGS).updateByKeys(addToSet(postings, "s"), true);
        Map<String, Document> sets = new LinkedHashMap<>();
        refs.forEach((key, fields) -> sets.put(key, new Document("$set", fields)));
        store.scoped(tenant, REFS).updateByKeys(sets, true);
        dictionary.values().forEach(set -> set.forEach(term -> listed.put(tenant + "|" + ns + "|" + term, true)));
        directory.forEach((termKey, labels) -> labels.forEach(label -> listed.put(tenant + "|" + termKey + "|" + label, true)));
    }

    /**
     * Removes the entries' terms from their postings (and, with {@code forgetIds}, the documents
     * from the seq pages: they are gone). Directory entries stay: an empty posting costs one read.
     */
    public void remove(String tenant, String ns, List<Entry> entries, boolean forgetIds) {
        Map<String, Set<Object>> postings = new LinkedHashMap<>();
        Map<String, Document> refs = new LinkedHashMap<>();
        for (Entry entry : entries) {
            for (String term : entry.terms().keySet()) {
                postings.computeIfAbsent(ns + "|" + term + "|" + entry.label(), k -> new LinkedHashSet<>()).add(entry.posting(term));
            }
            if (forgetIds) {
                refs.computeIfAbsent(ns + "|" + entry.seq() / BLOCK, k -> new Document()).append("ids." + entry.seq() % BLOCK, "");
            }
        }
        Map<String, Document> pulls = new LinkedHashMap<>();
        postings.forEach((key, seqs) -> pulls.put(key, new Document("$pull", new Document("s", new Document("$in", new ArrayList<>(seqs))))));
        store.scoped(tenant, POSTINGS).updateByKeys(pulls, false);
        Map<String, Document> unsets = new LinkedHashMap<>();
        refs.forEach((key, fields) -> unsets.put(key, new Document("$unset", fields)));
        store.scoped(tenant, REFS).updateByKeys(unsets, false);
    }

    /**
     * Forgets {@code terms} that no document holds any more (every posting of theirs is empty): their
     * postings, directory and dictionary entries go, so not even the word is left in the index (an
     * erasure). A term that still has postings stays. A document indexed with such a term at the
     * same moment may be missed by searches until {@code search reindex}. Durable when it returns.
     */
    public int dropUnused(String tenant, String ns, Collection<String> terms) {
        ScopedCollection termDocs = store.scoped(tenant, TERMS);
        ScopedCollection postingDocs = store.scoped(tenant, POSTINGS);
        int dropped = 0;
        for (Map.Entry<String, TreeSet<String>> term : labels(tenant, ns, terms).entrySet()) {
            List<String> keys = term.getValue().stream().map(label -> ns + "|" + term.getKey() + "|" + label).toList();
            boolean unused = postingDocs.getAll(keys).stream().allMatch(doc -> doc.getList("s", Object.class, List.of()).isEmpty());
            if (!unused) {
                continue;
            }
            listed.invalidate(tenant + "|" + ns + "|" + term.getKey());
            term.getValue().forEach(label -> listed.invalidate(tenant + "|" + ns + "|" + term.getKey() + "|" + label));
            postingDocs.deleteByKeys(keys);
            termDocs.deleteByKeys(List.of(ns + "|" + term.getKey()));
            termDocs.updateByKey(dictionaryKey(ns, term.getKey()), new Document("$pull", new Document("terms", term.getKey())), false);
            dropped++;
        }
        store.awaitDurable();
        return dropped;
    }

    private static Map<String, Document> addToSet(Map<String, Set<Object>> values, String field) {
        Map<String, Document> updates = new LinkedHashMap<>();
        values.forEach((key, set) -> updates.put(key, new Document("$addToSet",
                new Document(field, new Document("$each", new ArrayList<>(set))))));
        return updates;
    }

    private static String dictionaryKey(String ns, String term) {
        return ns + "~|" + term.substring(0, Math.min(SearchQuery.MIN_PREFIX, term.length()));
    }

    // ---- reads ----

    /** The labels each term occurs under (terms never indexed are absent). */
    Map<String, TreeSet<String>> labels(String tenant, String ns, Collection<String> terms) {
        Map<String, TreeSet<String>> found = new HashMap<>();
        if (terms.isEmpty()) {
            return found;
        }
        List<String> keys = terms.stream().map(t -> ns + "|" + t).toList();
        for (Document doc : store.scoped(tenant, TERMS).getAll(keys)) {
            String key = Keys.local(doc.getString("_id"), tenant);
            found.put(key.substring(ns.length() + 1), new TreeSet<>(doc.getList("labels", String.class, List.of())));
        }
        return found;
    }

    /** Indexed terms that begin with {@code prefix}, at most {@code max}, in order. */
    List<String> expand(String tenant, String ns, String prefix, int max) {
        return store.scoped(tenant, TERMS).get(dictionaryKey(ns, prefix))
                .map(doc -> doc.getList("terms", String.class, List.<String>of()).stream()
                        .filter(t -> t.startsWith(prefix)).sorted().limit(max).toList())
                .orElse(List.of());
    }

    /** The seqs listed for each {@code term|label} asked for, each with its positions (absent: none). */
    Map<String, Map<Long, Integer>> postings(String tenant, String ns, Collection<String> termLabels) {
        Map<String, Map<Long, Integer>> found = new HashMap<>();
        List<String> keys = termLabels.stream().map(k -> ns + "|" + k).toList();
        for (int from = 0; from < keys.size(); from += 500) {
            for (Document doc : store.scoped(tenant, POSTINGS).getAll(keys.subList(from, Math.min(keys.size(), from + 500)))) {
                String key = Keys.local(doc.getString("_id"), tenant).substring(ns.length() + 1);
                Map<Long, Integer> seqs = new HashMap<>();
                for (Object s : doc.getList("s", Object.class, List.of())) {
                    long posting = ((Number) s).longValue();
                    seqs.merge(posting >>> POSITION_BITS, (int) (posting & POSITION_MASK), (a, b) -> a | b);
                }
                found.put(key, seqs);
            }
        }
        return found;
    }

    /** Document ids of every seq of these blocks (a seq whose document was removed is absent). */
    Map<Long, String> ids(String tenant, String ns, Collection<Long> blocks) {
        Map<Long, String> found = new HashMap<>();
        for (Document page : store.scoped(tenant, REFS).getAll(blocks.stream().map(b -> ns + "|" + b).toList())) {
            long block = Long.parseLong(Keys.local(page.getString("_id"), tenant).substring(ns.length() + 1));
            Document ids = page.get("ids", Document.class);
            if (ids != null) {
                ids.forEach((offset, id) -> {
                    if (id instanceof String s && !s.isEmpty()) {
                        found.put(block * BLOCK + Long.parseLong(offset), s);
                    }
                });
            }
        }
        return found;
    }

    /**
     * Forgets a tenant's whole index of one kind (before a rebuild), all but the seq counter:
     * numbers are never handed out twice, so nothing written meanwhile can be mistaken for new.
     */
    public void clear(String tenant, String ns) {
        for (String collection : List.of(POSTINGS, TERMS, REFS)) {
            ScopedCollection scoped = store.scoped(tenant, collection);
            String prefix = Pattern.quote(scoped.key(ns));
            scoped.deleteMany(new Document("_id", new Document("$regex", "^" + prefix + "[|~]"))
                    .append("seq", new Document("$exists", false)));
        }
        listed.asMap().keySet().removeIf(key -> key.startsWith(tenant + "|" + ns + "|"));
    }
}
