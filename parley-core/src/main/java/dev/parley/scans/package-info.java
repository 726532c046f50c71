/**
 * Seed 002's status scans: WhatsApp statuses read from n8n's executions ({@link N8nExecutions}) or
 * a JSON-lines file ({@link JsonlStatuses}), deduplicated and selected by {@link StatusScan}, and
 * saved with seed 002's upsert rules through the message write path. {@link Seed002Documents}
 * converts between Parley's messages and seed 002's {@code message_statuses} documents (for
 * {@code statuses export} and for imports). Owns no collection.
 * <p>Uses: messages (an export is handed the tenant's {@code Messages} and time zone), webhooks
 * ({@code MetaStatusFacts}), fields.
 */
package dev.parley.scans;
