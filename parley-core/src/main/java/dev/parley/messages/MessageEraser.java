package dev.parley.messages;

import dev.parley.erasure.CollectionWalk;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.Markers;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.erasure.Redaction;
import dev.parley.search.SearchIndex;
import dev.parley.store.ScopedCollection;
import dev.parley.store.TenantCollections;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Comparator;
import java.util.function.Consumer;

/**
 * A contact's erasure in messages, their history pages and their search postings. A message of a
 * conversation that was theirs alone, and one they sent or received in a shared conversation, is
 * replaced by its delivery facts under a random id (direction, type, times, the status timeline
 * without recipients or error texts): content, media, metadata, ids that embed their number
 * (WhatsApp's {@code wamid}s do) and the search entry go. Counts in the rollups stay as they were
 * (they were counted when the messages were written, and erasure writes no message through the
 * counting path). In a shared conversation, others' messages keep their text with the parts that
 * name the person replaced.
 */
public final class MessageEraser implements PersonalDataEraser {

    /** What a message keeps once erased: facts about its delivery, nothing said or named. */
    private static final List<String> FACTS = List.of("direction", "sender_type", "role", "message_type", "channel",
            "created_at", "stored_at", "expire_at", "status", "latest_timestamp", "status_count", "first_seen_at",
            "last_updated_at", "last_scanned_at", "body_logged", "history_seq", "phone_number_id", "pricing",
            StatusEntry.PREVIOUS_STATUS, StatusEntry.PREVIOUS_TIME);

    private final Messages messages;
    private final ScopedCollection stored;
    private final ScopedCollection pages;
    private final HistoryPositions conversations;
    private final SearchIndex search;

    MessageEraser(Messages messages, ScopedCollection stored, ScopedCollection pages, HistoryPositions conversations, SearchIndex search) {
        this.messages = messages;
        this.stored = stored;
        this.pages = pages;
        this.conversations = conversations;
        this.search = search;
    }

    /** The eraser of {@code tenant}'s messages. */
    public static MessageEraser of(TenantCollections tenant, MessageWriter writer) {
        ScopedCollection stored = tenant.open(MessageWriter.MESSAGES);
        return new MessageEraser(Messages.of(tenant, writer, (t, entry) -> { }), stored,
                tenant.open(MessageWriter.PAGES), writer.conversations(tenant.tenant()), writer.search());
    }

    @Override
    public List<String> collections() {
        return List.of(MessageWriter.MESSAGES, MessageWriter.PAGES);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        Set<String> erasedTerms = new LinkedHashSet<>();
        long[] changed = {0};
        forEachPage(subject, batch -> changed[0] += erase(batch, subject, erasedTerms));
        long pagesRemoved = removeOldPages(subject.ownConversations().keySet());
        search.dropUnused(subject.tenant(), MessageText.NS, erasedTerms);
        stored.awaitDurable();
        return List.of(new CollectionCount(MessageWriter.MESSAGES, changed[0]), new CollectionCount(MessageWriter.PAGES, pagesRemoved));
    }

    /**
     * The messages of the subject's conversations, a history page (200) at a time, by key: the same
     * cost per page at any size, and nothing gathered (a {@code find} on the embedded server would
     * gather every match first). A message whose history position was lost to a race is not in a
     * page; the report's walk of the whole collection would show it.
     */
    private void forEachPage(ErasureSubject subject, Consumer<List<Document>> batches) {
        for (String conversation : subject.conversations()) {
            long last = conversations.lastHistoryPosition(conversation);
            for (long page = 0; last > 0 && page <= MessageWriter.page(last); page++) {
                List<String> ids = pages.get(MessageWriter.pageId(conversation, page)).map(doc -> doc.getList("entries", Document.class, List.of())
                        .stream().map(entry -> entry.getString("m")).distinct().toList()).orElse(List.of());
                List<Document> messages = stored.getAll(ids).stream().filter(m -> conversation.equals(m.getString("conversation_id"))).toList();
                if (!messages.isEmpty()) {
                    batches.accept(new ArrayList<>(messages));
                }
            }
        }
    }

    /** One batch: replaced or redacted, and the facts listed in their replacement conversations' pages. */
    private long erase(List<Document> batch, ErasureSubject subject, Set<String> erasedTerms) {
        List<Document> facts = new ArrayList<>();
        long redacted = replaceOrRedact(batch, subject, facts, erasedTerms);
        listInPages(subject.ownConversations(), facts);
        return facts.size() + redacted;
    }

    /**
     * Replaces the batch's messages that are the person's (all of a conversation of theirs alone;
     * in a shared one, those they sent or received) by their facts, and redacts the others that
     * name them. Returns how many were redacted; the replacements' facts are added to {@code facts}.
     */
    private long replaceOrRedact(List<Document> batch, ErasureSubject subject, List<Document> facts, Set<String> erasedTerms) {
        if (batch.isEmpty()) {
            return 0;
        }
        Markers markers = subject.markers();
        List<Document> gone = new ArrayList<>();
        List<Document> newFacts = new ArrayList<>();
        List<Document> toRedact = new ArrayList<>();
        for (Document message : batch) {
            String conversation = message.getString("conversation_id");
            String replacement = subject.ownConversations().get(conversation);
            if (replacement != null || theirs(message, markers)) {
                gone.add(message);
                Document fact = fact(message, replacement != null ? replacement : conversation);
                fact.put("_id", stored.key(fact.getString("message_id")));
                newFacts.add(fact);
            } else if (Redaction.names(message, markers)) {
                toRedact.add(message);
            }
        }
        gone.forEach(message -> erasedTerms.addAll(MessageText.terms(message).keySet()));
        toRedact.forEach(message -> erasedTerms.addAll(MessageText.terms(message).keySet()));
        messages.forgetDeleted(gone);
        messages.forgetDeleted(toRedact); // a redacted message leaves the index until `search reindex`
        if (!newFacts.isEmpty()) {
            stored.insertAll(newFacts);
        }
        stored.deleteByKeys(gone.stream().map(m -> m.getString("message_id")).toList());
        Redaction redaction = new Redaction(markers);
        for (Document message : toRedact) {
            Document clean = redaction.document(message, List.of("_id", "organization_id", "message_id", "conversation_id"));
            clean.remove(MessageText.SEQ);
            clean.put("rev", ((Number) message.get("rev", 0L)).longValue() + 1);
            stored.replaceByKey(message.getString("message_id"), clean);
        }
        facts.addAll(newFacts);
        return toRedact.size();
    }

    /** Whether the person sent or received this message of a shared conversation. */
    private static boolean theirs(Document message, Markers markers) {
        Document metadata = message.get("metadata") instanceof Document m ? m : new Document();
        for (Object value : List.of(String.valueOf(message.get("sender_id")), String.valueOf(message.get("receiver_id")),
                String.valueOf(message.get("contact_wa_id")), String.valueOf(metadata.get("sender_name")),
                String.valueOf(metadata.get("profile_name")))) {
            if (markers.names((String) value)) {
                return true;
            }
        }
        return false;
    }

    /** A message's delivery facts under a random id: nothing said, nothing that names anyone. */
    static Document fact(Document message, String conversation) {
        String id = ErasureSubject.replacementId();
        Document fact = new Document("message_id", id).append("conversation_id", conversation);
        for (String field : FACTS) {
            if (message.containsKey(field)) {
                fact.append(field, message.get(field));
            }
        }
        List<Document> timeline = new ArrayList<>();
        for (Document entry : message.getList("status_history", Document.class, List.of())) {
            Document kept = new Document("status", entry.get("status")).append("timestamp", entry.get("timestamp"));
            if (entry.get("source") != null) {
                kept.append("source", entry.get("source"));
            }
            if (entry.get("error") instanceof Document error && error.get("code") != null) {
                kept.append("error", new Document("code", error.get("code")));
            }
            timeline.add(kept);
        }
        if (message.containsKey("status_history")) {
            fact.append("status_history", timeline);
        }
        return fact.append("erased_at", Date.from(Instant.now())).append("rev", 1L);
    }

    /**
     * Lists facts in their replacement conversation's pages at the positions the messages had, so
     * its history still reads in order (a batch at a time: nothing grows with the history).
     */
    private void listInPages(Map<String, String> own, List<Document> facts) {
        Map<String, Document> pushes = new LinkedHashMap<>();
        for (Document fact : facts) {
            if (fact.get("history_seq") instanceof Number seq && own.containsValue(fact.getString("conversation_id"))) {
                String conversation = fact.getString("conversation_id");
                long page = MessageWriter.page(seq.longValue());
                pushes.computeIfAbsent(MessageWriter.pageId(conversation, page), id -> new Document("$push",
                                new Document("entries", new Document("$each", new ArrayList<Document>())))
                                .append("$setOnInsert", new Document("conversation_id", conversation).append("page", page)))
                        .get("$push", Document.class).get("entries", Document.class).getList("$each", Document.class)
                        .add(new Document("m", fact.getString("message_id")).append("s", seq.longValue()).append("t", fact.get("created_at")));
            }
        }
        pages.updateByKeys(pushes, true);
    }

    /** The history pages of the person's own conversations, which name them by id and by message id. */
    private long removeOldPages(Set<String> own) {
        long removed = 0;
        for (String conversation : own) {
            long last = conversations.lastHistoryPosition(conversation);
            Set<String> old = new LinkedHashSet<>();
            for (long page = 0; last > 0 && page <= MessageWriter.page(last); page++) {
                old.add(MessageWriter.pageId(conversation, page));
                old.add(CreatedAtOrder.directoryId(conversation, page)); // the created_at ranges of those pages name the conversation too
            }
            removed += pages.deleteByKeys(old);
        }
        return removed;
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        forEachPage(subject, batch -> batch.stream()
                .filter(message -> subject.ownConversations().containsKey(message.getString("conversation_id")) || theirs(message, subject.markers()))
                .sorted(Comparator.comparingLong(message -> ((Number) message.get("history_seq", 0L)).longValue()))
                .forEach(message -> out.document(MessageWriter.MESSAGES, Messages.view(message))));
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        return List.of(CollectionWalk.count(stored, subject.markers()), CollectionWalk.count(pages, subject.markers()));
    }
}
