package dev.parley.events;

import dev.parley.erasure.CollectionWalk;
import dev.parley.erasure.ErasureSubject;
import dev.parley.erasure.PersonalDataEraser;
import dev.parley.erasure.Redaction;
import dev.parley.store.Keys;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * A contact's erasure in the event store: values of an event that name them are replaced; an
 * aggregate that is one of their conversations, or whose id names them, moves with its head to
 * a random replacement id (its versions and order kept), so the stream stays countable.
 */
public final class EventEraser implements PersonalDataEraser {

    private static final List<String> KEPT = List.of("_id", "organization_id", "event_id", "event_type", "aggregate_type",
            "aggregate_id", "version", "created_at", "expire_at");

    private final ScopedCollection events;
    private final ScopedCollection heads;

    EventEraser(ScopedCollection events, ScopedCollection heads) {
        this.events = events;
        this.heads = heads;
    }

    @Override
    public List<String> collections() {
        return List.of(EventStore.EVENTS, EventStore.HEADS);
    }

    @Override
    public List<CollectionCount> erase(ErasureSubject subject) {
        Map<String, String> moved = new HashMap<>();
        long changed = 0;
        List<Document> candidates = new ArrayList<>();
        CollectionWalk.matching(events, event -> subject.ownConversations().containsKey(event.get("aggregate_id"))
                || Redaction.names(event, subject.markers()), candidates::addAll);
        for (Document event : candidates) {
            String type = event.getString("aggregate_type");
            String id = event.getString("aggregate_id");
            String replacement = subject.ownConversations().get(id);
            if (replacement == null && subject.markers().names(id)) {
                replacement = moved.computeIfAbsent(type + "|" + id, k -> ErasureSubject.replacementId());
            }
            if (replacement == null && !Redaction.names(event, subject.markers())) {
                continue;
            }
            Document clean = new Redaction(subject.markers()).document(event, KEPT);
            String local = Keys.local(event.getString("_id"), events.tenant());
            if (replacement != null) {
                moved.put(type + "|" + id, replacement);
                clean.put("aggregate_id", replacement);
                String newLocal = EventStore.key(type, replacement, ((Number) event.get("version")).longValue());
                events.replaceByKey(newLocal, clean);
                events.deleteByKeys(List.of(local));
            } else {
                events.replaceByKey(local, clean);
            }
            changed++;
        }
        long headsMoved = 0;
        for (Map.Entry<String, String> aggregate : moved.entrySet()) {
            String type = aggregate.getKey().substring(0, aggregate.getKey().indexOf('|'));
            String id = aggregate.getKey().substring(aggregate.getKey().indexOf('|') + 1);
            for (Document head : heads.getAll(List.of(EventStore.headKey(type, id)))) {
                heads.replaceByKey(EventStore.headKey(type, aggregate.getValue()),
                        new Document("aggregate_type", type).append("aggregate_id", aggregate.getValue()).append("version", head.get("version")));
                heads.deleteByKeys(List.of(EventStore.headKey(type, id)));
                headsMoved++;
            }
        }
        events.awaitDurable();
        return List.of(new CollectionCount(EventStore.EVENTS, changed), new CollectionCount(EventStore.HEADS, headsMoved));
    }

    @Override
    public void export(ErasureSubject subject, Exported out) {
        CollectionWalk.matching(events, event -> subject.ownConversations().containsKey(event.get("aggregate_id"))
                || Redaction.names(event, subject.markers()), batch -> batch.forEach(event -> {
                    Document view = new Document(event);
                    view.remove("_id");
                    out.document(EventStore.EVENTS, view);
                }));
    }

    @Override
    public List<CollectionCheck> check(ErasureSubject subject) {
        return List.of(CollectionWalk.count(events, subject.markers()), CollectionWalk.count(heads, subject.markers()));
    }
}
