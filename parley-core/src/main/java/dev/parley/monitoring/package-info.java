/**
 * Seed 000's monitoring: {@link StoreStats} reports every collection's documents, sizes and indexes
 * and documents per tenant (an operator's command: it reads every collection once; what
 * {@code collStats} cannot answer is left null, not made up), and {@link TenantDocumentCounts}
 * counts one tenant's documents through the {@code TenantCollections} it is handed, so it cannot
 * count another tenant's. Owns no collection; reads others' without writing.
 * <p>Uses: store.
 */
package dev.parley.monitoring;
