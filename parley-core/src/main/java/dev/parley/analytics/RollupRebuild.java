package dev.parley.analytics;

import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import dev.parley.store.TenantCollections;
import org.bson.Document;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code analytics rebuild}: recomputes the {@code points} part of a tenant's rollups from its
 * raw points, from the start of a UTC day on. Running it twice gives the same rollups; a rollup
 * document whose points are gone loses its {@code points} part, and what message writes counted
 * ({@code messages}) is left alone. Run it while no metrics of that range are being logged (a
 * point logged during the rebuild may be counted twice until the next rebuild).
 */
final class RollupRebuild {

    private final String tenant;
    private final TenantCollections collections;
    private final Rollups rollups;

    RollupRebuild(TenantCollections collections, Rollups rollups) {
        this.tenant = collections.tenant();
        this.collections = collections;
        this.rollups = rollups;
    }

    RebuildReport run(Instant since) {
        LocalDate firstDay = LocalDate.ofInstant(since, ZoneOffset.UTC);
        Date from = Date.from(firstDay.atStartOfDay(ZoneOffset.UTC).toInstant());
        Rollups.Accumulator sums = new Rollups.Accumulator();
        long points = 0;
        ScopedCollection raw = collections.open(MetricWriter.POINTS);
        for (Document point : raw.find(new Document("timestamp", new Document("$gte", from))).batchSize(10_000)) {
            sums.add(MetricPoints.increment(point));
            points++;
        }
        ScopedCollection stored = collections.open(Rollups.ROLLUPS);
        Map<String, Document> clear = new LinkedHashMap<>();
        for (Document doc : stored.find(new Document("day", new Document("$gte", from)).append(Rollups.POINTS, new Document("$exists", true)))
                .projection(new Document("_id", 1))) {
            String localId = Keys.local((String) doc.get("_id"), tenant);
            if (!sums.byDocument.containsKey(localId)) {
                clear.put(localId, new Document("$unset", new Document(Rollups.POINTS, "")));
            }
        }
        stored.updateByKeys(clear, false);
        rollups.replace(tenant, Rollups.POINTS, sums);
        stored.awaitDurable();
        return new RebuildReport(tenant, firstDay.toString(), points, sums.byDocument.size(), clear.size());
    }
}
