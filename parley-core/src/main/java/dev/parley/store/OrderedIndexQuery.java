package dev.parley.store;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import org.h2.mvstore.Cursor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Answers a filter from an {@link OrderedIndex} the way MongoDB's planner would: equalities on a
 * prefix of the index's fields (at least {@code organization_id}), then on the next field an
 * {@code $in} of values, a range, or nothing, and the field after an {@code $in} may have a range
 * too; sorted by the ranged field (either direction), or unsorted. The index yields the
 * candidates' positions in the asked order, lazily, so a {@code limit} stops the walk; every
 * candidate is still matched against the whole filter, so the walk only has to find a superset.
 */
final class OrderedIndexQuery {

    private static final Set<String> RANGE_OPERATORS = Set.of("$gt", "$gte", "$lt", "$lte");

    private final OrderedIndex index;
    private final List<List<Object>> prefixes;
    private final Range range;
    private final boolean descending;

    private OrderedIndexQuery(OrderedIndex index, List<List<Object>> prefixes, Range range, boolean descending) {
        this.index = index;
        this.prefixes = prefixes;
        this.range = range;
        this.descending = descending;
    }

    /** The positions of the filter's candidates in {@code orderBy}'s order, or null when no ordered index serves it. */
    static Iterable<Object> positions(Document filter, Document orderBy, List<? extends Index<Object>> indexes) {
        Document query = conjuncts(filter, new Document());
        OrderedIndexQuery best = null;
        for (Index<Object> index : indexes) {
            if (index instanceof OrderedIndex ordered) {
                OrderedIndexQuery plan = plan(ordered, query, orderBy);
                if (plan != null && (best == null || plan.prefixes.get(0).size() > best.prefixes.get(0).size())) {
                    best = plan;
                }
            }
        }
        return best == null ? null : best::walk;
    }

    private static OrderedIndexQuery plan(OrderedIndex index, Document query, Document orderBy) {
        List<IndexKey> keys = index.getKeys();
        List<Object> equal = new ArrayList<>();
        int i = 0;
        while (i < keys.size() && IdFirstQuery.isPlainValue(query.get(keys.get(i).getKey()))) {
            equal.add(query.get(keys.get(i).getKey()));
            i++;
        }
        if (equal.isEmpty() || i == keys.size()) {
            return equal.isEmpty() ? null : orderedBy(orderBy, null) ? new OrderedIndexQuery(index, List.of(equal), null, false) : null;
        }
        List<List<Object>> prefixes = List.of(equal);
        Object choice = query.get(keys.get(i).getKey());
        List<Object> in = inValues(choice);
        if (in != null) {
            prefixes = new ArrayList<>(in.size());
            for (Object value : in) {
                List<Object> prefix = new ArrayList<>(equal);
                prefix.add(value);
                prefixes.add(prefix);
            }
            i++;
            choice = i < keys.size() ? query.get(keys.get(i).getKey()) : null;
        }
        String ranged = i < keys.size() ? keys.get(i).getKey() : null;
        Range range = Range.of(choice);
        if (choice != null && range == null || !orderedBy(orderBy, ranged)) {
            return null;
        }
        boolean descending = orderBy != null && !orderBy.isEmpty() && ((Number) orderBy.values().iterator().next()).intValue() < 0;
        return new OrderedIndexQuery(index, prefixes, range, descending);
    }

    /**
     * The filter's fields with those of its {@code $and} parts lifted up (as a tenant-scoped filter
     * wraps the caller's): each is a conjunct, so walking by any one still finds a superset. A
     * field named twice keeps its first condition.
     */
    private static Document conjuncts(Document filter, Document into) {
        filter.forEach((field, condition) -> {
            if (field.equals("$and") && condition instanceof Collection<?> parts) {
                parts.stream().filter(Document.class::isInstance).forEach(part -> conjuncts((Document) part, into));
            } else if (!field.startsWith("$")) {
                into.putIfAbsent(field, condition);
            }
        });
        return into;
    }

    /** True when {@code orderBy} is empty, or sorts by {@code field} (then optionally {@code _id} the same way). */
    private static boolean orderedBy(Document orderBy, String field) {
        if (orderBy == null || orderBy.isEmpty()) {
            return true;
        }
        List<Map.Entry<String, Object>> sorts = new ArrayList<>(orderBy.entrySet());
        if (field == null || !sorts.get(0).getKey().equals(field) || !(sorts.get(0).getValue() instanceof Number first)) {
            return false;
        }
        return sorts.size() == 1 || sorts.size() == 2 && sorts.get(1).getKey().equals("_id")
                && sorts.get(1).getValue() instanceof Number second && Integer.signum(second.intValue()) == Integer.signum(first.intValue());
    }

    private static List<Object> inValues(Object condition) {
        if (condition instanceof Document document && document.size() == 1 && document.get("$in") instanceof Collection<?> values
                && !values.isEmpty() && values.stream().allMatch(IdFirstQuery::isPlainValue)) {
            return new ArrayList<>(new LinkedHashSet<>(values));
        }
        return null;
    }

    /** The walk: one cursor per prefix, merged in key order when there are several. */
    private Iterator<Object> walk() {
        List<Cursor<KeyValue, Object>> cursors = new ArrayList<>(prefixes.size());
        for (List<Object> prefix : prefixes) {
            cursors.add(index.walk(lowest(prefix), highest(prefix), descending));
        }
        if (cursors.size() == 1) {
            Cursor<KeyValue, Object> only = cursors.get(0);
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return only.hasNext();
                }

                @Override
                public Object next() {
                    only.next();
                    return only.getValue();
                }
            };
        }
        return new MergedWalk(cursors, prefixes.get(0).size(), descending);
    }

    private KeyValue lowest(List<Object> prefix) {
        List<Object> key = new ArrayList<>(prefix);
        if (range != null && range.low != null) {
            key.add(range.low);
            if (!range.lowInclusive) {
                key.add(MaxKey.getInstance());
            }
        }
        return new KeyValue(key).normalized();
    }

    private KeyValue highest(List<Object> prefix) {
        List<Object> key = new ArrayList<>(prefix);
        if (range != null && range.high != null) {
            key.add(range.high);
            if (range.highInclusive) {
                key.add(MaxKey.getInstance());
            }
        } else {
            key.add(MaxKey.getInstance());
        }
        return new KeyValue(key).normalized();
    }

    /** Bounds on one field from {@code $gt}/{@code $gte}/{@code $lt}/{@code $lte} or an equality; a null condition is unbounded. */
    private record Range(Object low, boolean lowInclusive, Object high, boolean highInclusive) {

        static Range of(Object condition) {
            if (condition == null) {
                return null;
            }
            if (IdFirstQuery.isPlainValue(condition)) { // an equality after an $in: the range of one value
                return new Range(condition, true, condition, true);
            }
            if (!(condition instanceof Document document) || document.isEmpty() || !RANGE_OPERATORS.containsAll(document.keySet())
                    || document.values().stream().anyMatch(v -> !IdFirstQuery.isPlainValue(v))) {
                return null;
            }
            Object low = document.containsKey("$gt") ? document.get("$gt") : document.get("$gte");
            Object high = document.containsKey("$lt") ? document.get("$lt") : document.get("$lte");
            return new Range(low, !document.containsKey("$gt"), high, !document.containsKey("$lt"));
        }
    }

    /** Several cursors merged by the key fields after the {@code $in}'s, each position once. */
    private static final class MergedWalk implements Iterator<Object> {

        private final PriorityQueue<Head> heads;
        private final Set<Object> seen = new HashSet<>();
        private Object next;

        MergedWalk(List<Cursor<KeyValue, Object>> cursors, int skipped, boolean descending) {
            KeyValueOrder order = new KeyValueOrder();
            heads = new PriorityQueue<>((a, b) -> {
                int c = order.compare(a.tail, b.tail);
                return descending ? -c : c;
            });
            cursors.forEach(cursor -> advance(new Head(cursor, skipped)));
            next = pull();
        }

        private void advance(Head head) {
            if (head.cursor.hasNext()) {
                KeyValue key = head.cursor.next();
                head.tail = new KeyValue(key.stream().skip(head.skipped).toList());
                head.position = head.cursor.getValue();
                heads.add(head);
            }
        }

        private Object pull() {
            while (!heads.isEmpty()) {
                Head head = heads.poll();
                Object position = head.position;
                advance(head);
                if (seen.add(position)) {
                    return position;
                }
            }
            return null;
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public Object next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            Object current = next;
            next = pull();
            return current;
        }
    }

    private static final class Head {
        final Cursor<KeyValue, Object> cursor;
        final int skipped;
        KeyValue tail;
        Object position;

        Head(Cursor<KeyValue, Object> cursor, int skipped) {
            this.cursor = cursor;
            this.skipped = skipped;
        }
    }
}
