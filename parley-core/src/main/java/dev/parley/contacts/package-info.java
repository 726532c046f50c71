/**
 * The people a tenant talks to, their data export and their erasure. Owns {@code contacts}
 * ({@code <tenant>|<contact_id>}), {@code contact_identifiers} ({@code <tenant>|phone:+…}; an
 * identifier is claimed by inserting its key, so two processes make one contact),
 * {@code contact_erasures} (the erasure log, keyed digests only, no personal data) and
 * {@code contact_exports} (export jobs; archives under {@code <data dir>/exports}). Entry types:
 * {@link Contacts}, {@link ContactBook} (links message senders by identifier, in the message
 * write's batch), {@link ContactErasure} (runs every feature's eraser, refused under a legal hold)
 * and {@link ContactExport}.
 * <p>Uses: store, messages (implements its {@code ContactLinker}), erasure, audit, documents, jobs,
 * fields.
 */
package dev.parley.contacts;
