/**
 * The contract of a contact's erasure, shared by every feature that stores personal data. Owns no
 * collection: each feature erases its own through a {@link PersonalDataEraser} (erase, then report
 * what is left, and export for data requests), given an {@link ErasureSubject} held only in memory.
 * {@link Markers} and {@link Redaction} find and replace the values that name a person;
 * {@link CollectionWalk} reads a tenant's collection by key range, one batch at a time;
 * {@link RedactingEraser} serves collections that only need values replaced.
 * <p>Uses: store.
 */
package dev.parley.erasure;
