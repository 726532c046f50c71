package dev.parley.messages;

/**
 * Where the status index keeps things (collection {@code message_status_index}, local ids after
 * the tenant prefix). A list is the bucket pattern under a small tree of directories, every
 * document read by {@code _id}:
 * <ul>
 * <li>{@code s:<status>}, one per status, ordered by {@code latest_timestamp}: buckets of one
 * second, {@code {e: {<message id>: latest_timestamp}}}, each in 4 shards by message id
 * ({@code <list>|b|<slot>:<shard>});</li>
 * <li>{@code u}, ordered by {@code last_updated_at}: buckets of a tenth of a second (in shards too)
 * holding the whole entry ({@link StatusEntry}), for {@code updated_since} and for the places of
 * messages that moved while a client pages;</li>
 * <li>directories {@code <list>|d<level>|<slot>} with the count of entries under each child
 * slot ({@code {n: {<child slot>: count}}}): a day's hours, an hour's minutes, a minute's seconds
 * (for {@code u} also a second's tenths), the last level by bucket shard
 * ({@code <slot>:<shard>}); and {@code <list>|top} with each day's count and the {@code total}.</li>
 * </ul>
 * Each update rewrites the document it changes, and the time since the slot began is what fills
 * the bucket a live batch writes to: small slots keep every document small at any ingest rate (a
 * minute's bucket at 1,000 status moves a second would be megabytes, rewritten by every batch),
 * and no directory holds more than 60 slots. Counters: {@code counts|<0..31>} hold
 * {@code {n: {<conversation>: {<status>: count}}}} for the conversations hashed to them. Message
 * and conversation ids are field names there, escaped.
 */
final class StatusIndexLayout {

    static final String COLLECTION = "message_status_index";
    static final String UPDATED = "u";
    static final int COUNTER_DOCS = 32;
    static final int SHARDS = 4;
    private static final long[] STATUS_SPANS = {86_400_000, 3_600_000, 60_000, 1_000};
    private static final long[] UPDATED_SPANS = {86_400_000, 3_600_000, 60_000, 1_000, 100};
    private static final String NO_CONVERSATION = "-";

    private StatusIndexLayout() {
    }

    static String statusList(String status) {
        return "s:" + status;
    }

    /**
     * The slot lengths of a list, in milliseconds: {@code spans[0]} is what {@code top} counts,
     * each directory level {@code i} counts slots of {@code spans[i + 1]}, the last is the bucket's.
     */
    static long[] spans(String list) {
        return UPDATED.equals(list) ? UPDATED_SPANS : STATUS_SPANS;
    }

    static long slot(long millis, long span) {
        return Math.floorDiv(millis, span);
    }

    /**
     * A bucket: the entries of one slot, spread over {@link #SHARDS} documents by message id.
     * mongo-java-server checks every pair of fields an update names for conflicting paths, so a
     * batch of 1,000 moves into one slot costs 4 updates of about 250 fields, not one of 1,000
     * (16 times the pairs).
     */
    static String bucket(String list, long slot, int shard) {
        return list + "|b|" + slot + ":" + shard;
    }

    static int shard(String messageId) {
        return Math.floorMod(messageId.hashCode(), SHARDS);
    }

    /** The key a leaf directory counts a bucket under. */
    static String bucketKey(long slot, int shard) {
        return slot + ":" + shard;
    }

    static String directory(String list, int level, long slot) {
        return list + "|d" + level + "|" + slot;
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

    /** The time that orders a message's entry in a list. */
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
