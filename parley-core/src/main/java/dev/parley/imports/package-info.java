/**
 * Import jobs: uploads streamed to {@code <data dir>/imports}, fingerprinted (SHA-256) and run in
 * the background one at a time per process ({@link ImportJobs}). Owns {@code upload_metadata}
 * (seed 003's upload records, {@code <tenant>|<upload_id>}). Entry types: {@link Imports},
 * {@link ImportRequest}, {@link ImportFormat}. A run writes through the same paths as live traffic
 * in batches of 1,000; a bad line is reported and never stops the job; ids derived from file and
 * line make a second import of the same file add nothing.
 * <p>Uses: store, messages (its types; the tenant's messages and retention policy come through
 * {@link ImportTarget}), retention ({@code RetentionPolicy}), scans ({@code Seed002Documents}),
 * documents, jobs, fields. Webhook payloads go through {@link PayloadImporter} (the root hands it
 * the WhatsApp webhook's mapping), so imports do not depend on webhooks.
 */
package dev.parley.imports;
