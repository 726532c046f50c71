package dev.parley.contacts;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.messages.ContactLinker;
import dev.parley.messages.ContactSighting;
import dev.parley.store.IndexSpec;
import dev.parley.store.MongoStore;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Links the people of every message and status to the tenant's contacts as they arrive, by
 * identifier only, by key: {@code contact_identifiers} {@code <tenant>|phone:+966…} names the
 * contact, {@code contacts} {@code <tenant>|<contact_id>} holds it. A sighting whose identifiers are
 * all known and was linked in the last minute costs nothing (so {@code last_seen_at} may lag by a
 * minute); otherwise one read of the identifiers and one upsert per contact, in the message
 * write's batch, durable with its flush. Identifiers are claimed by inserting their key, so two
 * processes meeting a new number at once make one contact.
 */
public final class ContactBook implements ContactLinker {

    public static final String CONTACTS = "contacts";
    public static final String IDENTIFIERS = "contact_identifiers";
    public static final String ERASURES = "contact_erasures";
    private static final Duration FRESH = Duration.ofMinutes(1);

    private final MongoStore store;
    /** {@code tenant|identifier|conversation|name} linked within the last minute. */
    private final Cache<String, Boolean> recent = Caffeine.newBuilder().maximumSize(200_000).expireAfterWrite(FRESH).build();

    public ContactBook(MongoStore store) {
        this.store = store;
    }

    public static List<IndexSpec> indexes() {
        return List.of(IndexSpec.on(CONTACTS, "organization_id_contact_id_unique", "contact_id").asUnique(),
                IndexSpec.on(CONTACTS, "organization_id_conversation_ids", "conversation_ids"),
                IndexSpec.on(CONTACTS, "organization_id_display_name", "display_name"),
                IndexSpec.on(IDENTIFIERS, "organization_id_contact_id", "contact_id"));
    }

    @Override
    public void link(String tenant, List<ContactSighting> sightings) {
        Map<String, Sighting> fresh = new LinkedHashMap<>();
        for (ContactSighting seen : sightings) {
            Set<String> keys = new LinkedHashSet<>();
            seen.identifiers().forEach(raw -> {
                String key = Identifiers.seen(raw);
                if (key != null) {
                    keys.add(key);
                }
            });
            if (keys.isEmpty() || keys.stream().allMatch(key -> recent.getIfPresent(memo(tenant, key, seen)) != null)) {
                continue;
            }
            Sighting merged = fresh.computeIfAbsent(String.join(",", keys), k -> new Sighting(keys));
            merged.add(seen);
        }
        if (fresh.isEmpty()) {
            return;
        }
        ScopedCollection identifiers = store.scoped(tenant, IDENTIFIERS);
        Map<String, String> owners = owners(identifiers, fresh.values());
        Map<String, Document> updates = new LinkedHashMap<>();
        for (Sighting sighting : fresh.values()) {
            String contact = sighting.keys.stream().map(owners::get).filter(Objects::nonNull).findFirst()
                    .orElseGet(Contacts::newId);
            List<String> unclaimed = sighting.keys.stream().filter(key -> !owners.containsKey(key)).toList();
            for (String key : claim(identifiers, unclaimed, contact)) {
                owners.put(key, contact);
            }
            List<Document> mine = sighting.keys.stream().filter(key -> contact.equals(owners.get(key))).map(Identifiers::view).toList();
            updates.merge(contact, update(contact, mine, sighting), ContactBook::combine);
        }
        store.scoped(tenant, CONTACTS).updateByKeys(updates, true);
        for (Sighting sighting : fresh.values()) {
            sighting.seen.forEach(seen -> sighting.keys.forEach(key -> recent.put(memo(tenant, key, seen), true)));
        }
    }

    /** Forgets what this process linked for the tenant (after a merge or an erasure). */
    void forget(String tenant) {
        recent.asMap().keySet().removeIf(key -> key.startsWith(tenant + "|"));
    }

    private static String memo(String tenant, String key, ContactSighting seen) {
        return tenant + "|" + key + "|" + seen.conversationId() + "|" + seen.displayName();
    }

    /** The contact each known key belongs to. */
    private static Map<String, String> owners(ScopedCollection identifiers, Collection<Sighting> sightings) {
        Set<String> keys = new LinkedHashSet<>();
        sightings.forEach(s -> keys.addAll(s.keys));
        Map<String, String> owners = new LinkedHashMap<>();
        for (Document doc : identifiers.getAll(keys)) {
            owners.put(doc.getString("identifier"), doc.getString("contact_id"));
        }
        return owners;
    }

    /**
     * Claims {@code keys} for {@code contact} by inserting them; returns those it won. A key
     * another process claimed first stays that process's contact's.
     */
    private static List<String> claim(ScopedCollection identifiers, List<String> keys, String contact) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<Document> docs = keys.stream().map(key -> new Document("_id", identifiers.key(key)).append("identifier", key)
                .append("contact_id", contact)).toList();
        Set<Integer> taken = identifiers.insertAllSkippingDuplicates(new ArrayList<>(docs));
        List<String> won = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!taken.contains(i)) {
                won.add(keys.get(i));
            }
        }
        return won;
    }

    private static Document update(String contact, List<Document> identifiers, Sighting sighting) {
        Document set = new Document("updated_at", new Date());
        Document addToSet = new Document("identifiers", new Document("$each", identifiers));
        if (!sighting.conversations.isEmpty()) {
            addToSet.append("conversation_ids", new Document("$each", new ArrayList<>(sighting.conversations)));
        }
        if (sighting.name != null) {
            set.append("display_name", sighting.name);
            addToSet.append("names", new Document("$each", List.of(sighting.name)));
        }
        return new Document("$set", set).append("$addToSet", addToSet)
                .append("$min", new Document("first_seen_at", Date.from(sighting.first)))
                .append("$max", new Document("last_seen_at", Date.from(sighting.last)))
                .append("$setOnInsert", new Document("contact_id", contact).append("created_at", new Date()));
    }

    /** Two sightings of one contact in a batch (through different identifiers): one update. */
    @SuppressWarnings("unchecked")
    private static Document combine(Document a, Document b) {
        Document addA = (Document) a.get("$addToSet");
        Document addB = (Document) b.get("$addToSet");
        for (String field : List.of("identifiers", "conversation_ids", "names")) {
            List<Object> union = new ArrayList<>();
            for (Document add : List.of(addA, addB)) {
                if (add.get(field) instanceof Document each) {
                    for (Object item : (List<Object>) each.get("$each")) {
                        if (!union.contains(item)) {
                            union.add(item);
                        }
                    }
                }
            }
            if (!union.isEmpty()) {
                addA.put(field, new Document("$each", union));
            }
        }
        if (b.get("$set", Document.class).get("display_name") != null) {
            a.get("$set", Document.class).put("display_name", b.get("$set", Document.class).get("display_name"));
        }
        Date firstA = a.get("$min", Document.class).getDate("first_seen_at");
        Date firstB = b.get("$min", Document.class).getDate("first_seen_at");
        a.get("$min", Document.class).put("first_seen_at", firstA.before(firstB) ? firstA : firstB);
        Date lastA = a.get("$max", Document.class).getDate("last_seen_at");
        Date lastB = b.get("$max", Document.class).getDate("last_seen_at");
        a.get("$max", Document.class).put("last_seen_at", lastA.after(lastB) ? lastA : lastB);
        return a;
    }

    /** Sightings with the same identifiers, gathered. */
    private static final class Sighting {

        final Set<String> keys;
        final Set<String> conversations = new LinkedHashSet<>();
        String name;
        Instant first;
        Instant last;

        Sighting(Set<String> keys) {
            this.keys = keys;
        }

        void add(ContactSighting sighting) {
            seen.add(sighting);
            if (sighting.conversationId() != null) {
                conversations.add(sighting.conversationId());
            }
            if (sighting.displayName() != null && !sighting.displayName().isBlank()) {
                name = sighting.displayName();
            }
            first = first == null || sighting.at().isBefore(first) ? sighting.at() : first;
            last = last == null || sighting.at().isAfter(last) ? sighting.at() : last;
        }

        final List<ContactSighting> seen = new ArrayList<>();
    }
}
