/**
 * A tenant's conversations (seed 004). Owns {@code conversations} ({@code <tenant>|<id>}), including
 * the {@code message_seq} counter that orders each conversation's messages into history pages. A
 * conversation a message names before anyone started it is created on the fly, so no message is
 * without its conversation; its custom field values go into the search index. Entry types:
 * {@link Conversations}, {@link ConversationQuery} and {@link ConversationEraser}.
 * <p>Uses: store, search, erasure, documents ({@code JsonMergePatch}), fields. {@link Conversations}
 * is still built two ways (with search, or without: {@code search} may be null), and messages
 * and migrations open {@code conversations} themselves; issue 20 removes both.
 */
package dev.parley.conversations;
