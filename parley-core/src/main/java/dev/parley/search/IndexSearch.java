package dev.parley.search;

import dev.parley.InvalidInputException;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import dev.parley.meters.ParleyMeters;
import java.util.Comparator;

/**
 * Runs a {@link SearchQuery} over one kind of document in a {@link SearchIndex}: plans from the
 * directories which labels can hold a match (every clause must occur there), walks them newest
 * first a few at a time, intersects their postings (exclusions subtracted), and checks each
 * candidate document itself. The walk stops after {@value #MAX_CHECKED} candidates, returning a
 * cursor to go on from, so no query costs more than a bounded amount.
 */
public final class IndexSearch {

    static final int MAX_CHECKED = 5_000;
    static final int MAX_PREFIX_TERMS = 64;
    private static final int LABELS_PER_ROUND = 16;
    private static final int MAX_FETCH = 500;

    /**
     * What the searched kind of document provides: how to fetch documents by id, the fields that
     * hold a document's id and its seq, its text, and the filters that are not part of the text.
     */
    public record Source(Function<Collection<String>, List<Document>> fetch, String idField, String seqField,
                         TextField text, Predicate<Document> accepts) {

        Long seqOf(Document doc) {
            return doc.get(seqField) instanceof Number n ? n.longValue() : null;
        }
    }

    /** A page of matching documents, newest first, and where the next page starts. */
    public record Result(List<Document> hits, String nextCursor) {
    }

    private final SearchIndex index;
    private final String tenant;
    private final String ns;

    public IndexSearch(SearchIndex index, String tenant, String ns) {
        this.index = index;
        this.tenant = tenant;
        this.ns = ns;
    }

    /** Days are UTC {@code yyyyMMdd} bounds (inclusive), null for open. */
    public Result run(SearchQuery query, String cursor, int limit, String fromDay, String toDay, Source source) {
        long start = System.nanoTime();
        try {
            return walk(query, cursor, limit, fromDay, toDay, source);
        } finally {
            ParleyMeters.search(ns.equals("m") ? "messages" : "conversations", System.nanoTime() - start);
        }
    }

    private Result walk(SearchQuery query, String cursor, int limit, String fromDay, String toDay, Source source) {
        Position after = Position.parse(cursor);
        Plan plan = plan(query);
        NavigableSet<String> labels = plan.labels.descendingSet();
        List<String> todo = new ArrayList<>();
        for (String label : labels) {
            String day = SearchIndex.day(label);
            if ((fromDay == null || day.compareTo(fromDay) >= 0) && (toDay == null || day.compareTo(toDay) <= 0)
                    && (after == null || label.compareTo(after.label) <= 0)) {
                todo.add(label);
            }
        }
        List<Document> hits = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<Long, String> ids = new HashMap<>();
        Set<Long> blocksRead = new HashSet<>();
        int checked = 0;
        int roundSize = 1;
        int misses = 1;
        for (int from = 0; from < todo.size(); ) {
            // few labels first (a common word fills a page from one), more when they hold few matches
            List<String> round = todo.subList(from, Math.min(todo.size(), from + roundSize));
            from += round.size();
            roundSize = Math.min(LABELS_PER_ROUND, roundSize * 2);
            List<Candidate> candidates = candidates(plan, round, after);
            for (int c = 0; c < candidates.size(); ) {
                // documents are fetched a few more than the page still needs at a time, more when
                // few candidates turn out to match (a phrase of common words)
                int size = Math.min(MAX_FETCH, Math.max(8, 2 * (limit - hits.size())) * misses);
                List<Candidate> chunk = candidates.subList(c, Math.min(candidates.size(), c + size));
                c += chunk.size();
                int before = hits.size();
                Set<Long> blocks = new LinkedHashSet<>();
                chunk.forEach(candidate -> blocks.add(candidate.seq / SearchIndex.BLOCK));
                blocks.removeAll(blocksRead);
                if (!blocks.isEmpty()) {
                    ids.putAll(index.ids(tenant, ns, blocks));
                    blocksRead.addAll(blocks);
                }
                Set<String> wanted = new LinkedHashSet<>();
                chunk.forEach(candidate -> {
                    if (ids.containsKey(candidate.seq)) {
                        wanted.add(ids.get(candidate.seq));
                    }
                });
                Map<String, Document> byId = new HashMap<>();
                source.fetch().apply(wanted).forEach(doc -> byId.put(doc.getString(source.idField()), doc));
                for (Candidate candidate : chunk) {
                    Position last = new Position(candidate.label, candidate.seq);
                    String id = ids.get(candidate.seq);
                    Document doc = id == null ? null : byId.get(id);
                    checked++;
                    if (doc != null && Long.valueOf(candidate.seq).equals(source.seqOf(doc)) && seen.add(id) && source.accepts().test(doc)
                            && query.matches(source.text().tokens(doc))) {
                        hits.add(doc);
                        if (hits.size() == limit) {
                            return new Result(hits, last.toString());
                        }
                    }
                    if (checked >= MAX_CHECKED) {
                        return new Result(hits, last.toString());
                    }
                }
                misses = hits.size() - before < chunk.size() / 4 ? Math.min(64, misses * 2) : 1;
            }
        }
        return new Result(hits, null);
    }

    /** A clause's alternatives, each a list of term sets that must all occur (a phrase's words). */
    private record Plan(List<List<List<Set<String>>>> clauses, List<Set<String>> excluded, TreeSet<String> labels) {
    }

    private Plan plan(SearchQuery query) {
        List<List<List<Set<String>>>> clauses = new ArrayList<>();
        Set<String> terms = new LinkedHashSet<>();
        for (SearchQuery.Clause clause : query.clauses()) {
            List<List<Set<String>>> alternatives = new ArrayList<>();
            for (SearchQuery.Atom atom : clause.anyOf()) {
                alternatives.add(atom.kind() == SearchQuery.Kind.PREFIX ? List.of(prefixTerms(atom)) : atom.forms());
            }
            alternatives.forEach(a -> a.forEach(terms::addAll));
            clauses.add(alternatives);
        }
        List<Set<String>> excluded = new ArrayList<>();
        for (SearchQuery.Atom atom : query.excluded()) {
            if (atom.kind() == SearchQuery.Kind.TERM) { // phrases and prefixes are excluded by the check of each hit
                excluded.add(atom.forms().get(0));
                terms.addAll(atom.forms().get(0));
            }
        }
        Map<String, TreeSet<String>> labelsOf = index.labels(tenant, ns, terms);
        TreeSet<String> labels = null;
        for (List<List<Set<String>>> clause : clauses) {
            TreeSet<String> clauseLabels = new TreeSet<>();
            for (List<Set<String>> words : clause) {
                clauseLabels.addAll(allOf(words, labelsOf));
            }
            if (labels == null) {
                labels = clauseLabels;
            } else {
                labels.retainAll(clauseLabels);
            }
        }
        return new Plan(clauses, excluded, labels == null ? new TreeSet<>() : labels);
    }

    /** Labels under which every word occurs (in any of its forms). */
    private static Set<String> allOf(List<Set<String>> words, Map<String, TreeSet<String>> labelsOf) {
        Set<String> result = null;
        for (Set<String> forms : words) {
            Set<String> any = new HashSet<>();
            forms.forEach(f -> any.addAll(labelsOf.getOrDefault(f, new TreeSet<>())));
            if (result == null) {
                result = any;
            } else {
                result.retainAll(any);
            }
        }
        return result == null ? Set.of() : result;
    }

    private Set<String> prefixTerms(SearchQuery.Atom atom) {
        String prefix = atom.forms().get(0).iterator().next();
        return new LinkedHashSet<>(index.expand(tenant, ns, prefix, MAX_PREFIX_TERMS));
    }

    private record Candidate(String label, long seq) {
    }

    /** The seqs of these labels that the postings allow, newest (highest label, then seq) first. */
    private List<Candidate> candidates(Plan plan, List<String> labels, Position after) {
        Set<String> keys = new LinkedHashSet<>();
        for (String label : labels) {
            plan.clauses.forEach(c -> c.forEach(words -> words.forEach(forms -> forms.forEach(t -> keys.add(t + "|" + label)))));
            plan.excluded.forEach(forms -> forms.forEach(t -> keys.add(t + "|" + label)));
        }
        Map<String, Map<Long, Integer>> postings = index.postings(tenant, ns, keys);
        List<Candidate> out = new ArrayList<>();
        for (String label : labels) {
            Set<Long> seqs = null;
            for (List<List<Set<String>>> clause : plan.clauses) {
                Set<Long> clauseSeqs = new HashSet<>();
                for (List<Set<String>> words : clause) {
                    clauseSeqs.addAll(seqsOfAll(words, label, postings));
                }
                if (seqs == null) {
                    seqs = clauseSeqs;
                } else {
                    seqs.retainAll(clauseSeqs);
                }
            }
            if (seqs == null) {
                continue;
            }
            for (Set<String> forms : plan.excluded) {
                for (String t : forms) {
                    seqs.removeAll(postings.getOrDefault(t + "|" + label, Map.of()).keySet());
                }
            }
            seqs.stream().filter(s -> after == null || !label.equals(after.label) || s < after.seq)
                    .sorted(Comparator.reverseOrder()).forEach(s -> out.add(new Candidate(label, s)));
        }
        return out;
    }

    /** The seqs of a label that hold every word (in any of its forms), a phrase's words in a row. */
    private static Set<Long> seqsOfAll(List<Set<String>> words, String label, Map<String, Map<Long, Integer>> postings) {
        List<Map<Long, Integer>> perWord = new ArrayList<>();
        for (Set<String> forms : words) {
            Map<Long, Integer> any = new HashMap<>();
            forms.forEach(t -> postings.getOrDefault(t + "|" + label, Map.of()).forEach((seq, at) -> any.merge(seq, at, (a, b) -> a | b)));
            perWord.add(any);
        }
        Set<Long> result = new HashSet<>(perWord.get(0).keySet());
        for (Map<Long, Integer> word : perWord.subList(1, perWord.size())) {
            result.retainAll(word.keySet());
        }
        if (perWord.size() > 1) {
            result.removeIf(seq -> !inARow(perWord, seq));
        }
        return result;
    }

    /** Whether some position p holds word 0, p+1 word 1, and so on (positions modulo 23). */
    static boolean inARow(List<Map<Long, Integer>> perWord, long seq) {
        int bits = SearchIndex.POSITION_BITS;
        int starts = perWord.get(0).get(seq);
        for (int i = 1; i < perWord.size() && starts != 0; i++) {
            int at = perWord.get(i).get(seq);
            int shift = i % bits; // a start p needs word i at p + i: shift its positions back by i
            starts &= ((at >>> shift) | (at << (bits - shift))) & SearchIndex.POSITION_MASK;
        }
        return starts != 0;
    }

    /** Where a page ended: the label and seq of the last document examined. */
    private record Position(String label, long seq) {

        static Position parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            int dash = cursor.lastIndexOf('-');
            try {
                String label = cursor.substring(0, dash);
                SearchIndex.block(label);
                if (SearchIndex.day(label).length() != 8) {
                    throw new IllegalArgumentException();
                }
                return new Position(label, Long.parseLong(cursor.substring(dash + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor this API returned");
            }
        }

        @Override
        public String toString() {
            return label + "-" + seq;
        }
    }
}
