package dev.parley.messages;

/**
 * Where the status index keeps things (collection {@code message_status_index}, local ids after
 * the tenant prefix). A list ({@code s:<status>} by {@code latest_timestamp}, {@code u} by
 * {@code last_updated_at}) is the bucket pattern in three levels, every one read by {@code _id}:
 * <ul>
 * <li>{@code <list>|b|<epoch second>}: the bucket, {@code {e: {<message id>: entry}}};</li>
 * <li>{@code <list>|h|<epoch hour>}: how many entries each second of that hour holds, {@code {n: {<second>: count}}};</li>
 * <li>{@code <list>|top}: how many each hour holds, {@code {n: {<hour>: count}, total}}.</li>
 * </ul>
 * One-second buckets stay small at any ingest rate (a minute's bucket at 1,000 status moves a
 * second would be rewritten whole, megabytes, by every batch). Counters:
 * {@code counts|<0..31>} holds {@code {n: {<conversation>: {<status>: count}}}} for the
 * conversations hashed to it. Message and conversation ids are field names there, escaped.
 */
final class StatusIndexLayout {

    static final String COLLECTION = "message_status_index";
    static final String UPDATED = "u";
    static final int COUNTER_DOCS = 32;
    private static final String NO_CONVERSATION = "-";

    private StatusIndexLayout() {
    }

    static String statusList(String status) {
        return "s:" + status;
    }

    static String bucket(String list, long second) {
        return list + "|b|" + second;
    }

    static String hour(String list, long hour) {
        return list + "|h|" + hour;
    }

    static String top(String list) {
        return list + "|top";
    }

    static String counters(String conversationId) {
        return "counts|" + Math.floorMod(String.valueOf(conversationId).hashCode(), COUNTER_DOCS);
    }

    static String counters(int n) {
        return "counts|" + n;
    }

    static long second(long millis) {
        return Math.floorDiv(millis, 1000);
    }

    static long hourOf(long second) {
        return Math.floorDiv(second, 3600);
    }

    /** The list a message's entry sits in, and the time that orders it there. */
    static long timeIn(String list, StatusEntry entry) {
        return UPDATED.equals(list) ? entry.u() : entry.t();
    }

    /** An id as a field name: no dots (paths) or dollars (operators) left; reversible. */
    static String field(String id) {
        return id.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    static String id(String field) {
        return field.replace("%24", "$").replace("%2E", ".").replace("%25", "%");
    }

    static String conversationField(String conversationId) {
        return conversationId == null ? NO_CONVERSATION : "=" + field(conversationId);
    }

    static String conversationId(String field) {
        return field.equals(NO_CONVERSATION) ? null : id(field.substring(1));
    }
}
