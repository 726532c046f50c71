/**
 * A tenant's messages and their delivery statuses (seed 000, 002 and 004 in one model). Owns
 * {@code messages} ({@code <tenant>|<message_id>}) and {@code conversation_pages} (200 history
 * positions per document, so history is read by key only). Entry types: {@link Messages},
 * {@link MessageWriter} (the one write path: group commit, then writes conditional on {@code rev},
 * recomputed when another process won) and {@link MessageStatus} (the latest status never moves
 * backwards; {@link MessageState} is deterministic and idempotent). {@link ContactLinker} is the
 * interface contacts implement; {@link HistoryPositions} (each conversation's {@code message_seq}
 * counter, and its creation on the fly) the one conversations implement: the root hands the writer
 * a tenant's {@code Conversations}, and messages never open that collection. {@link MessageRetention}
 * is its retention: dated by {@code stored_at}, out of the search index before deletion,
 * {@code expire_at} cleared behind the writer's earlier writes and with {@code rev} bumped.
 * <p>Uses: store, analytics, search, retention (stamps {@code expire_at}, implements
 * {@code RetainedData}), erasure, audit ({@code SystemAudit}), meters, fields.
 */
package dev.parley.messages;
