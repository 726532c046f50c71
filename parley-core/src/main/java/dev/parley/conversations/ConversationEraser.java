package dev.parley.conversations;

import dev.parley.erasure.CollectionWalk;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.erasure.Redaction;
import dev.parley.search.SearchIndex;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A contact's erasure in conversations: one that was theirs alone is replaced by its facts
 * (channel, status, times, agent, history positions) under the random id its messages' facts
 * now name; its custom fields, tags, contact fields and search entry go. A conversation they share
 * keeps everything but the values that name them.
 */
public final class ConversationEraser implements PersonalDataEraser {

    private static final List<String> FACTS = List.of("channel", "status", "agent_id", "started_at", "ended_at",
            "created_at", "updated_at", "phone_number_id", Conversations.SEQ);

    private final ScopedCollection conversations;
    private final SearchIndex search;

    public ConversationEraser(ScopedCollection conversations, SearchIndex search) {
        this.conversations = conversations;
        this.search = search;
    }

    @Override
    public List<String> collections() {
        return List.of(Conversations.COLLECTION);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        String tenant = conversations.tenant();
        Set<String> erasedTerms = new LinkedHashSet<>();
        List<SearchIndex.Entry> unindexed = new ArrayList<>();
        long changed = 0;
        for (Document conversation : conversations.getAll(subject.conversations())) {
            String id = conversation.getString("conversation_id");
            if (conversation.get(ConversationText.SEQ) instanceof Number seq) {
                erasedTerms.addAll(ConversationText.terms(conversation).keySet());
                unindexed.add(new SearchIndex.Entry(id, seq.longValue(), ConversationText.at(conversation),
                        ConversationText.terms(conversation)));
            }
            String replacement = subject.ownConversations().get(id);
            Document rewritten = replacement != null ? fact(conversation, replacement) : redacted(conversation, subject);
            conversations.replaceByKey(rewritten.getString("conversation_id"), rewritten);
            if (replacement != null) {
                conversations.deleteByKeys(List.of(id));
            }
            changed++;
        }
        search.remove(tenant, ConversationText.NS, unindexed, true); // a shared one is searchable again after `search reindex`
        search.dropUnused(tenant, ConversationText.NS, erasedTerms);
        conversations.awaitDurable();
        return List.of(new CollectionCount(Conversations.COLLECTION, changed));
    }

    private static Document fact(Document conversation, String replacement) {
        Document fact = new Document("conversation_id", replacement);
        for (String field : FACTS) {
            if (conversation.containsKey(field)) {
                fact.append(field, conversation.get(field));
            }
        }
        return fact.append("erased_at", Date.from(Instant.now()));
    }

    private static Document redacted(Document conversation, ErasureSubject subject) {
        Document clean = new Redaction(subject.markers()).document(conversation, List.of("_id", "organization_id", "conversation_id"));
        clean.remove(ConversationText.SEQ);
        return clean;
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        for (Document conversation : conversations.getAll(subject.ownConversations().keySet())) {
            out.document(Conversations.COLLECTION, Conversations.view(conversation));
        }
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        return List.of(CollectionWalk.count(conversations, subject.markers()));
    }
}
