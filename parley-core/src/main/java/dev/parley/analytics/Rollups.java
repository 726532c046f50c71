package dev.parley.analytics;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetentionPolicies;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import dev.parley.InvalidInputException;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Metrics rolled up into 15-minute buckets, stored MongoDB's bucket-pattern way: one document per
 * tenant, metric, tag set ({@link Series}) and UTC day, {@code _id}
 * {@code <tenant>|<metric>|<series>|<yyyy-MM-dd>}, holding that day's 96 buckets as four maps
 * ({@code sum: {t0930: …}, count: {…}, min: {…}, max: {…}}: four objects instead of 96, and a stats
 * query projects only {@code sum} and {@code count}). A 30-day query in any time zone reads 31–32 documents
 * by key; 15 minutes divides every offset in use today (UTC+5:30, UTC+5:45, UTC−9:30), so local
 * days and hours are whole sets of buckets.
 *
 * <p>Each bucket has two parts: {@code points} (from {@code log_metric}, rebuilt from the raw
 * points by {@code analytics rebuild}) and {@code messages} (derived from message writes), so a
 * rebuild never wipes what messages counted. Which tag sets a metric has is kept in
 * {@code analytics_series}, one document per metric, for tag-filtered queries.
 */
public final class Rollups implements AutoCloseable {

    public static final String ROLLUPS = "analytics_rollups";
    public static final String SERIES = "analytics_series";
    static final String POINTS = "points";
    static final String MESSAGES = "messages";
    static final long BUCKET_SECONDS = 900;
    private static final DateTimeFormatter SLOT = DateTimeFormatter.ofPattern("'t'HHmm").withZone(ZoneOffset.UTC);

    private final MongoStore store;
    private final RetentionPolicies retention;
    /** Series this process has registered, so registration costs a write only the first time. */
    private final Cache<String, Boolean> registered = Caffeine.newBuilder().maximumSize(100_000).build();

    private final Map<String, Queue<Increment>> pendingMessageCounts = new ConcurrentHashMap<>();
    private final Map<String, Object> flushLocks = new ConcurrentHashMap<>();
    private volatile Consumer<String> listener = tenant -> { };
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "parley-rollup-flusher");
                thread.setDaemon(true);
                return thread;
            });

    public Rollups(MongoStore store, RetentionPolicies retention) {
        this.store = store;
        this.retention = retention;
        flusher.scheduleWithFixedDelay(() -> {
            try {
                flushMessageCounts();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(Rollups.class).warn("message counts not written yet: {}", e.getMessage());
            }
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** A bucket's figures. */
    record Figures(double sum, long count, double min, double max) {

        static Figures of(double value) {
            return new Figures(value, 1, value, value);
        }

        Figures plus(Figures other) {
            return new Figures(sum + other.sum, count + other.count, Math.min(min, other.min), Math.max(max, other.max));
        }
    }

    /**
     * Queues what message writes imply ({@link MessagingMetrics}). They are written once a second
     * (and before any read of the tenant's rollups), summed per bucket, so the message write path
     * pays for a handful of rollup upserts per second instead of per batch. A crash loses at most
     * the last second's counts, never a message.
     */
    public void addMessageCounts(String tenant, Collection<Increment> increments) {
        if (!increments.isEmpty()) {
            pendingMessageCounts.computeIfAbsent(tenant, t -> new ConcurrentLinkedQueue<>()).addAll(increments);
            changed(tenant);
        }
    }

    /** Called with the tenant whenever its figures change (e.g. to drop cached reports); must not throw. */
    public void onChange(Consumer<String> listener) {
        this.listener = listener;
    }

    private void changed(String tenant) {
        try {
            listener.accept(tenant);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Rollups.class).debug("change listener failed: {}", e.getMessage());
        }
    }

    /** Writes the tenant's queued message counts; a read waits for a write in flight. */
    private void flushMessageCounts(String tenant) {
        synchronized (flushLocks.computeIfAbsent(tenant, t -> new Object())) {
            Queue<Increment> queued = pendingMessageCounts.get(tenant);
            if (queued == null || queued.isEmpty()) {
                return;
            }
            List<Increment> batch = new ArrayList<>();
            for (Increment next; (next = queued.poll()) != null; ) {
                batch.add(next);
            }
            try {
                add(tenant, MESSAGES, batch);
            } catch (RuntimeException e) {
                queued.addAll(batch); // the store is down: keep them for the next flush
                throw e;
            }
        }
    }

    /** Writes every tenant's queued message counts. */
    public void flushMessageCounts() {
        for (String tenant : pendingMessageCounts.keySet()) {
            flushMessageCounts(tenant);
        }
    }

    @Override
    public void close() {
        // no interrupt: a flush whose write landed but was interrupted would put its counts back and count them twice
        flusher.shutdown();
        try {
            flusher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushMessageCounts();
    }

    /** Increments summed per rollup document and bucket, before they are written. */
    static final class Accumulator {

        final Map<String, Map<String, Figures>> byDocument = new LinkedHashMap<>();
        final Map<String, Document> onInsert = new LinkedHashMap<>();
        /** {@code metric|series} to tags, for every tagged series seen. */
        final Map<String, Map<String, String>> series = new LinkedHashMap<>();

        void add(Increment increment) {
            String name = Series.of(increment.tags());
            if (!name.equals(Series.ALL)) {
                series.putIfAbsent(increment.metric() + "|" + name, increment.tags());
                addTo(increment, name);
            }
            addTo(increment, Series.ALL);
        }

        private void addTo(Increment increment, String name) {
            LocalDate day = LocalDate.ofInstant(increment.at(), ZoneOffset.UTC);
            String id = documentId(increment.metric(), name, day);
            onInsert.computeIfAbsent(id, k -> new Document("metric_type", increment.metric()).append("series", name)
                    .append("tags", new Document(new TreeMap<>(name.equals(Series.ALL) ? Map.of() : increment.tags())))
                    .append("day", Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant())).append("date", day.toString()));
            byDocument.computeIfAbsent(id, k -> new TreeMap<>())
                    .merge(SLOT.format(bucketStart(increment.at())), Figures.of(increment.value()), Figures::plus);
        }
    }

    /**
     * Adds the increments to their buckets, first summed in memory per bucket, then one upsert per
     * rollup document. Not durable by itself: call it inside a group commit handler.
     */
    void add(String tenant, String part, Collection<Increment> increments) {
        if (increments.isEmpty()) {
            return;
        }
        Accumulator sums = new Accumulator();
        increments.forEach(sums::add);
        register(tenant, sums);
        Map<String, Document> updates = new LinkedHashMap<>();
        sums.byDocument.forEach((id, slots) -> {
            Document inc = new Document();
            Document min = new Document();
            Document max = new Document();
            slots.forEach((slot, f) -> {
                inc.append(part + ".sum." + slot, f.sum()).append(part + ".count." + slot, f.count());
                min.append(part + ".min." + slot, f.min());
                max.append(part + ".max." + slot, f.max());
            });
            updates.put(id, new Document("$inc", inc).append("$min", min).append("$max", max)
                    .append("$setOnInsert", withExpiry(tenant, sums.onInsert.get(id))));
        });
        store.scoped(tenant, ROLLUPS).updateByKeys(updates, true);
        changed(tenant);
    }

    /** Replaces the {@code part} of each accumulated document with the accumulated buckets. */
    void replace(String tenant, String part, Accumulator sums) {
        register(tenant, sums);
        Map<String, Document> updates = new LinkedHashMap<>();
        sums.byDocument.forEach((id, slots) -> {
            Document sum = new Document();
            Document count = new Document();
            Document min = new Document();
            Document max = new Document();
            slots.forEach((slot, f) -> {
                sum.append(slot, f.sum());
                count.append(slot, f.count());
                min.append(slot, f.min());
                max.append(slot, f.max());
            });
            Document buckets = new Document("sum", sum).append("count", count).append("min", min).append("max", max);
            updates.put(id, new Document("$set", new Document(part, buckets)).append("$setOnInsert", withExpiry(tenant, sums.onInsert.get(id))));
        });
        store.scoped(tenant, ROLLUPS).updateByKeys(updates, true);
        changed(tenant);
    }

    /** A new rollup document expires with its day, for real MongoDB's TTL index. */
    private Document withExpiry(String tenant, Document onInsert) {
        Date expiry = retention.expiry(tenant, RetainedCollection.ANALYTICS_ROLLUPS, onInsert.getDate("day").toInstant().plus(Duration.ofDays(1)), null);
        return expiry == null ? onInsert : new Document(onInsert).append("expire_at", expiry);
    }

    private void register(String tenant, Accumulator sums) {
        sums.series.forEach((key, tags) -> {
            if (registered.getIfPresent(tenant + "|" + key) == null) {
                String[] metricAndSeries = key.split("\\|", 2);
                store.scoped(tenant, SERIES).updateByKey(metricAndSeries[0], new Document("$set", new Document("series." + metricAndSeries[1],
                        new Document(new TreeMap<>(tags)))).append("$setOnInsert", new Document("metric_type", metricAndSeries[0])), true);
                registered.put(tenant + "|" + key, true);
            }
        });
    }

    static Instant bucketStart(Instant at) {
        return Instant.ofEpochSecond(Math.floorDiv(at.getEpochSecond(), BUCKET_SECONDS) * BUCKET_SECONDS);
    }

    static String documentId(String metric, String series, LocalDate day) {
        return metric + "|" + series + "|" + day;
    }

    /** Every tagged series of {@code metric}, with its tags. */
    Map<String, Document> allSeries(String tenant, String metric) {
        flushMessageCounts(tenant); // queued counts may name series not registered yet
        Map<String, Document> all = new LinkedHashMap<>();
        store.scoped(tenant, SERIES).get(metric).map(doc -> doc.get("series", Document.class))
                .ifPresent(series -> series.forEach((name, tags) -> all.put(name, (Document) tags)));
        return all;
    }

    /** The series of {@code metric} whose tags include {@code filter}, with their tags. */
    Map<String, Document> seriesMatching(String tenant, String metric, Map<String, String> filter) {
        Map<String, Document> matching = new LinkedHashMap<>();
        if (filter.isEmpty()) {
            matching.put(Series.ALL, new Document());
            return matching;
        }
        allSeries(tenant, metric).forEach((series, tags) -> {
            if (Series.matches(tags, filter)) {
                matching.put(series, tags);
            }
        });
        return matching;
    }

    /** Where {@link #read} hands each bucket: its series, its start and its figures ({@code sum} and {@code count}). */
    @FunctionalInterface
    interface BucketSink {
        void accept(String series, Instant start, Figures figures);
    }

    /**
     * Which rollup parts a query counts: what {@code log_metric} logged (the default: a tenant's
     * daily stats are its own points), what Parley's message writes counted, or both.
     */
    public enum Source {
        POINTS(List.of(Rollups.POINTS)), MESSAGES(List.of(Rollups.MESSAGES)), ALL(List.of(Rollups.POINTS, Rollups.MESSAGES));

        final List<String> parts;

        Source(List<String> parts) {
            this.parts = parts;
        }

        public static Source parse(String value) {
            if (value == null || value.isBlank()) {
                return POINTS;
            }
            for (Source source : values()) {
                if (source.name().equalsIgnoreCase(value.strip())) {
                    return source;
                }
            }
            throw new InvalidInputException("source", "must be points, messages or all, not " + value);
        }
    }

    /**
     * Calls {@code sink} with every bucket of {@code metric} in the given series that starts in
     * {@code [from, to)}, the parts {@code source} names added; reads by key only.
     */
    void read(String tenant, String metric, Collection<String> series, Source source, Instant from, Instant to, BucketSink sink) {
        if (series.isEmpty() || !from.isBefore(to)) {
            return;
        }
        flushMessageCounts(tenant); // reads see every message written so far
        List<String> ids = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(to.minusNanos(1), ZoneOffset.UTC);
        for (String s : series) {
            for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(last); day = day.plusDays(1)) {
                ids.add(documentId(metric, s, day));
            }
        }
        ScopedCollection rollups = store.scoped(tenant, ROLLUPS);
        Document projection = new Document("day", 1).append("series", 1);
        source.parts.forEach(part -> projection.append(part + ".sum", 1).append(part + ".count", 1)); // stats need no min/max
        for (int start = 0; start < ids.size(); start += 500) {
            for (Document doc : rollups.findByKeys(ids.subList(start, Math.min(ids.size(), start + 500))).projection(projection)) {
                Instant dayStart = doc.getDate("day").toInstant();
                String name = doc.getString("series");
                for (String part : source.parts) {
                    Document figures = doc.get(part, Document.class);
                    Document sums = figures == null ? null : figures.get("sum", Document.class);
                    if (sums == null) {
                        continue;
                    }
                    Document counts = figures.get("count", Document.class);
                    sums.forEach((slot, sum) -> {
                        Instant at = dayStart.plusSeconds(Integer.parseInt(slot.substring(1, 3)) * 3600L
                                + Integer.parseInt(slot.substring(3, 5)) * 60L);
                        if (!at.isBefore(from) && at.isBefore(to)) {
                            sink.accept(name, at, new Figures(((Number) sum).doubleValue(), ((Number) counts.get(slot)).longValue(),
                                    Double.NaN, Double.NaN));
                        }
                    });
                }
            }
        }
    }
}
