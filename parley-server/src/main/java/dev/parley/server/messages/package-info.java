/**
 * Messages, their delivery statuses and seed 002's status queries ({@link MessagesController}),
 * and seed 004's conversations with seed 000's conversation history
 * ({@link ConversationsController}), over REST; written messages are charged to the user's log
 * quota. Also holds {@link JsonReplies} (stored documents as JSON, UTC times plus
 * {@code *_formatted} in the tenant's zone), which most other controller packages import; issue 20
 * moves it out of here. Owns no collection.
 * <p>Uses (core): {@code TenantScope}, messages, conversations, scans ({@code Seed002Documents}),
 * documents, fields, users ({@code Role}). Uses (server): auth ({@code Caller}, {@code LogQuota}).
 */
package dev.parley.server.messages;
