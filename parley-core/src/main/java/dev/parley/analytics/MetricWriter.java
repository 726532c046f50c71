package dev.parley.analytics;

import dev.parley.retention.RetainedCollection;
import dev.parley.retention.RetentionPolicies;
import dev.parley.store.GroupCommit;
import dev.parley.store.MongoStore;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Date;

/**
 * The batched write path of {@code log_metric}: concurrent callers' points are inserted together
 * (group commit) and their rollup buckets incremented once per bucket for the whole batch. A point
 * whose {@code metric_id} exists already (a retry) is neither stored nor counted again.
 */
public final class MetricWriter implements AutoCloseable {

    static final String POINTS = "analytics";

    private record Logged(String tenant, List<Document> points) {
    }

    private final MongoStore store;
    private final Rollups rollups;
    private final RetentionPolicies retention;
    private final GroupCommit<Logged> commits;

    public MetricWriter(MongoStore store, Rollups rollups, RetentionPolicies retention) {
        this.store = store;
        this.rollups = rollups;
        this.retention = retention;
        this.commits = store.groupCommit("metric-writer", this::write, logged -> logged.points.size(), 5_000);
    }

    /** Stores the points durably; true per point that this call stored (false: stored earlier). */
    @SuppressWarnings("unchecked")
    List<Boolean> log(String tenant, List<Document> points) {
        return (List<Boolean>) commits.submit(new Logged(tenant, points));
    }

    private void write(List<GroupCommit.Request<Logged>> requests) {
        GroupCommit.perGroup(requests, Logged::tenant, this::writeTenant);
    }

    private void writeTenant(String tenant, List<GroupCommit.Request<Logged>> requests) {
        List<Document> all = new ArrayList<>();
        requests.forEach(r -> all.addAll(r.value().points));
        var points = store.scoped(tenant, POINTS);
        // keyed by metric_id: a retried point is a duplicate key on every server, with or without indexes
        for (Document point : all) {
            point.put("_id", points.key(point.getString("metric_id")));
            Date expiry = retention.expiry(tenant, RetainedCollection.ANALYTICS, point.getDate("timestamp").toInstant(), null);
            if (expiry != null) {
                point.put("expire_at", expiry); // for real MongoDB's TTL index; the sweeper covers the embedded server
            }
        }
        Set<Integer> duplicates = points.insertAllSkippingDuplicates(all);
        List<Increment> increments = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!duplicates.contains(i)) {
                increments.add(MetricPoints.increment(all.get(i)));
            }
        }
        rollups.add(tenant, Rollups.POINTS, increments);
        int position = 0;
        for (GroupCommit.Request<Logged> request : requests) {
            List<Boolean> created = new ArrayList<>();
            for (int i = 0; i < request.value().points.size(); i++) {
                created.add(!duplicates.contains(position++));
            }
            request.result(created);
        }
    }

    @Override
    public void close() {
        commits.close();
    }
}
