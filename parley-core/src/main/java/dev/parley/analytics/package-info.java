/**
 * Metrics (seed 000's {@code log_metric} and daily/hourly stats) and the messaging funnel. Owns
 * {@code analytics} (raw points, unique {@code metric_id}), {@code analytics_rollups} (one document
 * per tenant, metric, tag set and UTC day, 15-minute buckets, read by key) and
 * {@code analytics_series}. Entry types: {@link Analytics}, {@link MetricWriter} (points inserted by
 * group commit, a retried {@code metric_id} never counted twice) and {@link MessagingMetrics} (what a
 * message write adds, each milestone counted once). {@link RollupRebuild} recomputes only the
 * {@code points} part of the rollups, never what messages counted. {@link AnalyticsRetention} is the
 * retention of points (by {@code timestamp}) and rollups (by {@code day}). {@link Analytics} and
 * {@link RollupRebuild} are handed one tenant's {@code TenantCollections}; the writers, shared by every
 * tenant, open a tenant's collection per call.
 * <p>Uses: store, fields, retention (to stamp {@code expire_at} on points and rollups, and implements
 * {@code RetainedData}).
 */
package dev.parley.analytics;
