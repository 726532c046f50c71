package dev.parley.conversations;

import dev.parley.ConflictException;
import dev.parley.InvalidInputException;
import dev.parley.NotFoundException;
import dev.parley.documents.JsonMergePatch;
import dev.parley.fields.InputFields;
import dev.parley.messages.HistoryPositions;
import dev.parley.messages.MessageFields;
import dev.parley.search.IndexSearch;
import dev.parley.search.SearchIndex;
import dev.parley.search.SearchQuery;
import dev.parley.store.IndexSpec;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.parley.store.Batches;
import java.util.Set;
import java.util.function.LongConsumer;
import org.bson.types.ObjectId;

/**
 * A tenant's conversations (seed 004), plus the counter that orders each conversation's
 * messages into history pages. Conversations a message names before anyone started them are
 * created on the fly, so no message is ever without its conversation.
 */
public final class Conversations implements HistoryPositions {

    public static final String COLLECTION = "conversations";
    public static final int MAX_LIMIT = 1_000;
    /** The channels a conversation may be on: its messages' (one a message names is created from it). */
    public static final Set<String> CHANNELS = MessageFields.CHANNELS;
    /**
     * The {@code agent_id} of a conversation a message or status created on the fly (seed 004
     * requires one): no agent has it yet. List them with {@code agent_id=unassigned}; assign one with an update.
     */
    public static final String UNASSIGNED = "unassigned";
    static final String SEQ = "message_seq";
    /** The last reservations of history positions (token and count), to tell each reserver its range. */
    static final String RESERVATIONS = "seq_reservations";
    static final int RESERVATIONS_KEPT = 32;

    private final ScopedCollection conversations;
    private final SearchIndex search;

    /** Built by the root, the one way: a tenant's conversations, their custom fields in {@code search}. */
    public Conversations(ScopedCollection conversations, SearchIndex search) {
        this.conversations = conversations;
        this.search = search;
    }

    public static List<IndexSpec> indexes() {
        return List.of(
                IndexSpec.on(COLLECTION, "organization_id_conversation_id_unique", "conversation_id").asUnique(),
                IndexSpec.on(COLLECTION, "organization_id_status_started_at", "status", "-started_at"),
                IndexSpec.on(COLLECTION, "organization_id_channel_started_at", "channel", "-started_at"),
                IndexSpec.on(COLLECTION, "organization_id_agent_id_status_started_at", "agent_id", "status", "-started_at"),
                // seed 004's sparse indexes: a compound sparse index still holds every document (they all
                // have organization_id), so only a partial index skips conversations without the field
                IndexSpec.on(COLLECTION, "organization_id_contact_id_started_at", "contact_id", "-started_at")
                        .partial(new Document("contact_id", new Document("$exists", true))),
                IndexSpec.on(COLLECTION, "organization_id_user_id_started_at", "user_id", "-started_at")
                        .partial(new Document("user_id", new Document("$exists", true))),
                IndexSpec.on(COLLECTION, "organization_id_tags_started_at", "tags", "-started_at"),
                IndexSpec.on(COLLECTION, "organization_id_started_at", "-started_at"));
    }

    /** Starts a conversation (seed 004 {@code Conversation.create}); 409 if the id exists. */
    public Document start(Document input) {
        Document doc = ConversationFields.forStart(input, conversations.tenant());
        Date now = new Date();
        doc.put("_id", conversations.key(doc.getString("conversation_id")));
        doc.put("created_at", now);
        doc.put("updated_at", now);
        doc.put(SEQ, 0L);
        String id = doc.getString("conversation_id");
        if (conversations.get(id).isPresent()) { // refused before anything is written, the index included
            throw new ConflictException("conversation " + id + " already exists");
        }
        boolean indexed = ConversationText.text(doc) != null;
        if (indexed) { // indexed first: acknowledged means searchable
            long seq = search.reserve(conversations.tenant(), ConversationText.NS, 1);
            doc.put(ConversationText.SEQ, seq);
            ConversationText.index(search, conversations.tenant(), id, seq, null, doc);
        }
        try {
            conversations.insert(doc);
        } catch (ConflictException e) { // started at the same moment by another request: take our postings back out
            if (indexed) {
                search.remove(conversations.tenant(), ConversationText.NS, List.of(new SearchIndex.Entry(id,
                        doc.getLong(ConversationText.SEQ), ConversationText.at(doc), ConversationText.terms(doc))), false);
            }
            throw new ConflictException("conversation " + id + " already exists");
        }
        return view(doc);
    }

    public Document get(String conversationId) {
        return conversations.get(conversationId).map(Conversations::view)
                .orElseThrow(() -> new NotFoundException("no conversation " + conversationId));
    }

    public List<Document> list(ConversationQuery query) {
        if (query.limit() < 1 || query.limit() > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
        Document filter = new Document();
        putIfPresent(filter, "status", query.status() == null ? null : checked("status", query.status(), ConversationFields.STATUSES));
        putIfPresent(filter, "channel", query.channel() == null ? null : checked("channel", query.channel(), ConversationFields.CHANNELS));
        putIfPresent(filter, "agent_id", query.agentId());
        putIfPresent(filter, "contact_id", query.contactId());
        putIfPresent(filter, "user_id", query.userId());
        putIfPresent(filter, "tags", query.tag());
        Document range = new Document();
        if (query.startedFrom() != null) {
            range.put("$gte", Date.from(query.startedFrom()));
        }
        if (query.startedTo() != null) {
            range.put("$lt", Date.from(query.startedTo()));
        }
        List<Document> clauses = new ArrayList<>();
        if (!range.isEmpty()) {
            clauses.add(new Document("started_at", range));
        }
        if (query.cursor() != null) {
            clauses.add(after(query.cursor(), query.ascending()));
        }
        if (!clauses.isEmpty()) {
            filter.put("$and", clauses);
        }
        int direction = query.ascending() ? 1 : -1;
        List<Document> page = new ArrayList<>();
        for (Document doc : conversations.find(filter)
                .sort(new Document("started_at", direction).append("conversation_id", direction)).limit(query.limit())) {
            page.add(view(doc));
        }
        return page;
    }

    /** The cursor that continues a list after {@code last}. */
    public static String cursorAfter(Document last) {
        String raw = ((Date) last.get("started_at")).getTime() + ":" + last.getString("conversation_id");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static Document after(String cursor, boolean ascending) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            Date started = new Date(Long.parseLong(raw.substring(0, colon)));
            String id = raw.substring(colon + 1);
            String op = ascending ? "$gt" : "$lt";
            return new Document("$or", List.of(new Document("started_at", new Document(op, started)),
                    new Document("started_at", started).append("conversation_id", new Document(op, id))));
        } catch (RuntimeException e) {
            throw new InvalidInputException("cursor", "is not a cursor this API returned");
        }
    }

    /**
     * Changes the given fields (seed 004 status changes, tags, metadata…). {@code metadata} is a
     * JSON Merge Patch (RFC 7396): its names merge into the stored metadata, {@code null} removes
     * one; every other field, {@code tags} included, is replaced. {@link #replace} replaces all.
     */
    public Document update(String conversationId, Document input) {
        Document fields = ConversationFields.forUpdate(input, conversations.tenant());
        Document before = fields.containsKey("metadata") ? conversations.get(conversationId)
                .orElseThrow(() -> new NotFoundException("no conversation " + conversationId)) : null;
        Document unset = new Document();
        if (before != null) {
            Document merged = JsonMergePatch.apply(before.get("metadata", Document.class), fields.get("metadata", Document.class));
            fields.remove("metadata");
            if (merged == null || merged.isEmpty()) {
                unset.put("metadata", "");
            } else {
                fields.put("metadata", merged);
            }
        }
        return write(conversationId, fields, unset, before);
    }

    /**
     * PUT: the conversation becomes {@code input} (checked as {@link #start} checks it): every
     * field it does not give is removed, {@code metadata} and {@code tags} are replaced whole;
     * {@code started_at} is kept when not given. 404 when the conversation does not exist.
     */
    public Document replace(String conversationId, Document input) {
        Document fields = ConversationFields.forReplace(input, conversations.tenant(), conversationId);
        Document before = conversations.get(conversationId).orElseThrow(() -> new NotFoundException("no conversation " + conversationId));
        Document unset = new Document();
        for (String name : ConversationFields.REPLACEABLE) {
            if (!fields.containsKey(name) && before.containsKey(name)) {
                unset.put(name, "");
            }
        }
        return write(conversationId, fields, unset, before);
    }

    private Document write(String conversationId, Document fields, Document unset, Document before) {
        fields.put("updated_at", new Date());
        if ("ended".equals(fields.get("status")) && !fields.containsKey("ended_at")) {
            fields.put("ended_at", new Date()); // ending a conversation records when, as end() does
        }
        unset.keySet().removeAll(fields.keySet());
        Document change = new Document("$set", fields);
        if (!unset.isEmpty()) {
            change.append("$unset", unset);
        }
        if (!conversations.update(conversationId, change)) {
            throw new NotFoundException("no conversation " + conversationId);
        }
        Document after = conversations.get(conversationId).orElseThrow(() -> new NotFoundException("no conversation " + conversationId));
        if (before != null) {
            reindex(conversationId, before, after);
        }
        return view(after);
    }

    public Document end(String conversationId) {
        return update(conversationId, new Document("status", "ended").append("ended_at", Date.from(Instant.now())));
    }

    public Document archive(String conversationId) {
        return update(conversationId, new Document("status", "archived"));
    }

    /**
     * Reserves {@code count} history positions in a conversation, creating it from
     * {@code onCreate} if nobody started it; returns the first reserved position (1-based).
     * Not durable by itself: called from the message write path, which flushes.
     */
    public long reserveHistory(String conversationId, int count, Document onCreate) {
        return reserveHistory(Map.of(conversationId, count), onCreate == null ? Map.of() : Map.of(conversationId, onCreate))
                .get(conversationId);
    }

    /**
     * Reserves history positions in many conversations at once ({@code counts}: how many each), in
     * two round trips whatever their number: one bulk write adds each count to {@code message_seq}
     * and logs the reservation (a token and its count, the last {@value #RESERVATIONS_KEPT} kept),
     * then one read by key finds each conversation's total and the reservations made after this
     * one, by any process, so this one's range is exact. A reservation pushed out of the log by
     * that many others before the read is made again alone; its first range stays unused, a gap
     * readers skip. Creates missing conversations from {@code onCreate}. Returns each first position.
     */
    @Override
    public Map<String, Long> reserveHistory(Map<String, Integer> counts, Map<String, Document> onCreate) {
        String token = new ObjectId().toHexString();
        Map<String, Document> updates = new LinkedHashMap<>();
        counts.forEach((conversationId, count) -> updates.put(conversationId,
                reservation(conversationId, count, token, onCreate.get(conversationId))));
        if (counts.size() == 1) { // one round trip: the update answers with the total
            String only = counts.keySet().iterator().next();
            Document after = conversations.updateAndGet(only, updates.get(only), new Document(SEQ, 1));
            return Map.of(only, ((Number) after.get(SEQ)).longValue() - counts.get(only) + 1);
        }
        conversations.updateByKeys(updates, true);
        Map<String, Long> first = new LinkedHashMap<>();
        for (Document conversation : conversations.getAll(counts.keySet())) {
            String conversationId = conversation.getString("conversation_id");
            Long last = lastOf(conversation, token);
            if (last != null) {
                first.put(conversationId, last - counts.get(conversationId) + 1);
            }
        }
        counts.forEach((conversationId, count) -> first.computeIfAbsent(conversationId,
                missing -> reserveHistory(Map.of(missing, count), onCreate).get(missing)));
        return first;
    }

    /** Adds {@code count} to the conversation's positions and logs it under {@code token}; creates the conversation if missing. */
    private static Document reservation(String conversationId, int count, String token, Document onCreate) {
        return new Document("$inc", new Document(SEQ, (long) count))
                .append("$push", new Document(RESERVATIONS, new Document("$each", List.of(new Document("r", token).append("n", count)))
                        .append("$slice", -RESERVATIONS_KEPT)))
                .append("$setOnInsert", stub(conversationId, onCreate));
    }

    /** The last position of reservation {@code token}: the total less what was reserved after it; null if not logged. */
    private static Long lastOf(Document conversation, String token) {
        List<Document> log = conversation.getList(RESERVATIONS, Document.class, List.of());
        long after = 0;
        for (int i = log.size() - 1; i >= 0; i--) {
            if (token.equals(log.get(i).getString("r"))) {
                return ((Number) conversation.get(SEQ)).longValue() - after;
            }
            after += ((Number) log.get(i).get("n")).longValue();
        }
        return null;
    }

    private static Document stub(String conversationId, Document onCreate) {
        Document onInsert = new Document(onCreate == null ? new Document() : onCreate).append("conversation_id", conversationId)
                .append("created_at", new Date()).append("updated_at", new Date());
        onInsert.putIfAbsent("status", "active");
        onInsert.putIfAbsent("channel", "chat");
        onInsert.putIfAbsent("agent_id", UNASSIGNED);
        onInsert.putIfAbsent("started_at", new Date());
        return onInsert;
    }

    /** The highest reserved history position, or -1 when the conversation does not exist. */
    @Override
    public long lastHistoryPosition(String conversationId) {
        return conversations.get(conversationId).map(doc -> ((Number) doc.get(SEQ, 0L)).longValue()).orElse(-1L);
    }

    /** After its custom fields changed: the new terms in, the lost ones out, then durable. */
    private void reindex(String conversationId, Document before, Document after) {
        if (ConversationText.text(after) == null && !(before.get(ConversationText.SEQ) instanceof Number)) {
            return;
        }
        long seq = after.get(ConversationText.SEQ) instanceof Number n ? n.longValue()
                : search.reserve(conversations.tenant(), ConversationText.NS, 1);
        ConversationText.index(search, conversations.tenant(), conversationId, seq, before, after);
        conversations.update(conversationId, new Document("$set", new Document(ConversationText.SEQ, seq))); // and flushes
    }

    /**
     * Seed 004's text search over {@code metadata.custom_fields}: the query language of message
     * search, newest conversation first, each with a {@code snippet}.
     */
    public IndexSearch.Result search(String query, int limit, String cursor) {
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("limit", "must be between 1 and 100");
        }
        SearchQuery parsed = SearchQuery.parse(query);
        IndexSearch.Result result = new IndexSearch(search, conversations.tenant(), ConversationText.NS).run(parsed, cursor, limit,
                null, null, new IndexSearch.Source(conversations::getAll, "conversation_id", ConversationText.SEQ,
                        ConversationText.TEXT, doc -> true));
        List<Document> hits = new ArrayList<>();
        for (Document conversation : result.hits()) {
            hits.add(view(conversation).append("snippet", ConversationText.TEXT.snippet(conversation, parsed)));
        }
        return new IndexSearch.Result(hits, result.nextCursor());
    }

    /**
     * Rebuilds this tenant's conversation search index from the stored conversations, reporting
     * how many were read so far; returns how many were indexed.
     */
    public long rebuildSearch(LongConsumer progress) {
        String tenant = conversations.tenant();
        search.clear(tenant, ConversationText.NS);
        long[] seen = {0};
        long indexed = Batches.sum(conversations.find(new Document()).batchSize(1_000), 1_000, batch -> {
            int done = rebuildBatch(batch);
            progress.accept(seen[0] += batch.size());
            return done;
        });
        progress.accept(seen[0]);
        conversations.awaitDurable();
        return indexed;
    }

    private int rebuildBatch(List<Document> batch) {
        List<Document> withText = batch.stream().filter(d -> ConversationText.text(d) != null).toList();
        if (withText.isEmpty()) {
            return 0;
        }
        long next = search.reserve(conversations.tenant(), ConversationText.NS, withText.size());
        List<SearchIndex.Entry> entries = new ArrayList<>();
        Map<String, Document> sets = new LinkedHashMap<>();
        for (Document doc : withText) {
            long seq = next++;
            String id = doc.getString("conversation_id");
            entries.add(new SearchIndex.Entry(id, seq, ConversationText.at(doc), ConversationText.terms(doc)));
            sets.put(id, new Document("$set", new Document(ConversationText.SEQ, seq)));
        }
        search.add(conversations.tenant(), ConversationText.NS, entries);
        conversations.updateByKeys(sets, false);
        return withText.size();
    }

    /** How many conversations the tenant has (for progress). */
    public long count() {
        return conversations.count(new Document());
    }

    static Document view(Document doc) {
        Document view = new Document(doc);
        view.remove("_id");
        view.remove(SEQ);
        view.remove(RESERVATIONS);
        view.remove(ConversationText.SEQ);
        return view;
    }

    private static String checked(String field, String value, Set<String> allowed) {
        return InputFields.oneOf(new Document(field, value), field, allowed, null);
    }

    private static void putIfPresent(Document doc, String field, Object value) {
        if (value != null) {
            doc.put(field, value);
        }
    }
}
