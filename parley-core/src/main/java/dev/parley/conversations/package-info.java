/**
 * A tenant's conversations (seed 004). Owns {@code conversations} ({@code <tenant>|<id>}), including
 * the {@code message_seq} counter that orders each conversation's messages into history pages. A
 * conversation a message names before anyone started it is created on the fly, so no message is
 * without its conversation; its custom field values go into the search index. Entry types:
 * {@link Conversations}, {@link ConversationQuery} and {@link ConversationEraser}.
 * <p>Uses: store, search, erasure, documents ({@code JsonMergePatch}), fields, messages
 * ({@link Conversations} implements its {@code HistoryPositions}, and takes its channels from
 * {@code MessageFields}). Built one way, by the root, with search. Migrations still update
 * {@code conversations} directly (schema changes across tenants).
 */
package dev.parley.conversations;
