/**
 * Messages, their delivery statuses and seed 002's status queries ({@link MessagesController}),
 * and seed 004's conversations with seed 000's conversation history
 * ({@link ConversationsController}), over REST; written messages are charged to the user's log
 * quota. Owns no collection.
 * <p>Uses (core): {@code TenantScope}, messages, conversations, scans ({@code Seed002Documents}),
 * documents, fields, users ({@code Role}). Uses (server): auth ({@code Caller}, {@code LogQuota}), web
 * ({@code JsonReplies}).
 */
package dev.parley.server.messages;
