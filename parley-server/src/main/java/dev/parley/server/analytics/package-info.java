/**
 * Seed 000's analytics over REST ({@link MetricsController}): logging metrics, daily and hourly
 * stats in the tenant's time zone (or {@code tz}), tag filters and the messaging funnel.
 * {@link ReportCache} keeps reports in the platform's query cache
 * ({@code PARLEY_REPORT_CACHE_SECONDS}, in {@link AnalyticsSettings}) and drops a tenant's whenever its figures change. Owns no
 * collection; writes go through the core's analytics.
 * <p>Uses (core): the facade ({@code Parley} for the change listener, {@code TenantScope}),
 * analytics, platform, documents, fields, users ({@code Role}). Uses (server): auth, web
 * ({@code JsonReplies}).
 */
package dev.parley.server.analytics;
