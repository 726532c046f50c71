package dev.parley.bench.history;

import java.util.Locale;

/**
 * How a data set of history is spread: {@code tenants} tenants with {@code conversationsPerTenant}
 * conversations of {@code messagesPerConversation} messages each. Conversations always hold 100
 * messages, so every size reads the same two full 50-message pages; only the amount of stored
 * data around them grows.
 */
record HistoryLayout(int tenants, int conversationsPerTenant, int messagesPerConversation) {

    static final int MESSAGES_PER_CONVERSATION = 100;
    static final int MAX_TENANTS = 1_000;

    static HistoryLayout forMessages(int total) {
        int tenants = Math.max(1, Math.min(MAX_TENANTS, total / MESSAGES_PER_CONVERSATION));
        int conversations = Math.max(1, total / (tenants * MESSAGES_PER_CONVERSATION));
        return new HistoryLayout(tenants, conversations, MESSAGES_PER_CONVERSATION);
    }

    long messages() {
        return (long) tenants * conversationsPerTenant * messagesPerConversation;
    }

    int messagesPerTenant() {
        return conversationsPerTenant * messagesPerConversation;
    }

    /** E.g. {@code 100k} or {@code 1M}, for row labels. */
    String sizeLabel() {
        long n = messages();
        return n >= 1_000_000 && n % 1_000_000 == 0 ? n / 1_000_000 + "M"
                : n >= 1_000 && n % 1_000 == 0 ? n / 1_000 + "k" : Long.toString(n);
    }

    String describe() {
        return String.format(Locale.ROOT, "%,d tenants x %d conversations x %d messages", tenants,
                conversationsPerTenant, messagesPerConversation);
    }

    static String tenant(int index) {
        return String.format(Locale.ROOT, "tenant-%04d", index);
    }

    static String conversationId(int conversation) {
        return "conv-" + conversation;
    }

    /** The message at 1-based {@code position} of a conversation's history. */
    static String messageId(int conversation, int position) {
        return "c" + conversation + "-m" + position;
    }
}
