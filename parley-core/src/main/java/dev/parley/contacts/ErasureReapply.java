package dev.parley.contacts;

import dev.parley.ConflictException;
import dev.parley.erasure.CollectionWalk;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The erasure log re-applied after a restore (a backup taken before an erasure brings the person
 * back): every contact one of whose identifiers has a digest an erasure record keeps is erased
 * again through {@link ContactErasure}, so every feature's eraser, the report and the audit entry
 * run as in a first erasure. Contacts are found through {@code contact_identifiers} and the
 * contacts' own identifier lists, both walked by key range (the digests are keyed, so they can
 * only be compared, not looked up). A contact first seen after the erasure is the person coming
 * back, not restored data, and stays. An identifier key left without its contact is erased as a
 * contact of its own. A legal hold leaves a contact unerased and listed as blocked. Idempotent: an
 * erased contact's identifiers are gone, so a second run finds nothing.
 */
public final class ErasureReapply {

    /**
     * What a run did: the contacts erased again ({@code contact_id}, the new {@code erasure_id},
     * the erasure it {@code reapplies}, {@code documents}, {@code clean}) and those a legal hold
     * kept ({@code contact_id}, {@code reapplies}, {@code reason}).
     */
    public record Outcome(List<Document> erased, List<Document> blocked) {

        public static final Outcome NONE = new Outcome(List.of(), List.of());

        public Outcome plus(Outcome other) {
            List<Document> allErased = new ArrayList<>(erased);
            allErased.addAll(other.erased);
            List<Document> allBlocked = new ArrayList<>(blocked);
            allBlocked.addAll(other.blocked);
            return new Outcome(List.copyOf(allErased), List.copyOf(allBlocked));
        }
    }

    private final ContactErasure erasure;
    private final ScopedCollection contacts;
    private final ScopedCollection identifiers;
    private final IdentifierDigest digest;

    ErasureReapply(ContactErasure erasure, ScopedCollection contacts, ScopedCollection identifiers, IdentifierDigest digest) {
        this.erasure = erasure;
        this.contacts = contacts;
        this.identifiers = identifiers;
        this.digest = digest;
    }

    /**
     * Erases again the contacts {@code records} find, of those {@code restoredAmong} keeps (given
     * the contacts found, it answers those that came from the backup).
     */
    Outcome run(List<Document> records, UnaryOperator<Set<String>> restoredAmong) {
        Map<String, Document> byDigest = new HashMap<>();
        for (Document record : records) {
            record.getList("identifier_digests", String.class, List.of())
                    .forEach(d -> byDigest.merge(d, record, (a, b) -> erasedAt(a).after(erasedAt(b)) ? a : b));
        }
        if (byDigest.isEmpty()) {
            return Outcome.NONE;
        }
        Map<String, Match> found = new TreeMap<>();
        CollectionWalk.matching(identifiers, raw -> raw.get("identifier") instanceof String key && byDigest.containsKey(digest.of(key)),
                batch -> batch.forEach(doc -> found.computeIfAbsent(doc.getString("contact_id"), id -> new Match())
                        .add(doc.getString("identifier"), byDigest.get(digest.of(doc.getString("identifier"))))));
        CollectionWalk.matching(contacts, raw -> keys(raw).stream().anyMatch(key -> byDigest.containsKey(digest.of(key))),
                batch -> batch.forEach(doc -> keys(doc).stream().filter(key -> byDigest.containsKey(digest.of(key)))
                        .forEach(key -> found.computeIfAbsent(doc.getString("contact_id"), id -> new Match()).add(key, byDigest.get(digest.of(key))))));
        if (!found.isEmpty()) {
            found.keySet().retainAll(restoredAmong.apply(Set.copyOf(found.keySet())));
        }
        List<Document> erased = new ArrayList<>();
        List<Document> blocked = new ArrayList<>();
        found.forEach((contactId, match) -> {
            Document contact = contacts.get(contactId).orElseGet(() -> orphan(contactId, match.keys));
            Date firstSeen = contact.getDate("first_seen_at");
            if (firstSeen != null && firstSeen.after(erasedAt(match.record))) {
                return; // the person came back after the erasure: new data, not restored data
            }
            String reapplies = match.record.getString("erasure_id");
            try {
                erased.add(erasure.eraseAgain(contact, reapplies));
            } catch (ConflictException held) {
                blocked.add(new Document("contact_id", contactId).append("reapplies", reapplies).append("reason", held.getMessage()));
            }
        });
        return new Outcome(List.copyOf(erased), List.copyOf(blocked));
    }

    /** An identifier key whose contact is gone (a backup taken between the two writes): erased as a contact of its own. */
    private static Document orphan(String contactId, Set<String> keys) {
        return new Document("contact_id", contactId).append("identifiers", keys.stream().map(Identifiers::view).toList())
                .append("conversation_ids", List.of());
    }

    private static List<String> keys(Map<String, Object> contact) {
        List<String> keys = new ArrayList<>();
        if (contact.get("identifiers") instanceof List<?> list) {
            for (Object item : list) {
                String key = item instanceof Map<?, ?> identifier ? Identifiers.key(identifier) : null;
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        return keys;
    }

    private static Date erasedAt(Document record) {
        Date at = record.getDate("erased_at");
        return at == null ? new Date(Long.MAX_VALUE) : at;
    }

    /** A contact found: the identifier keys that matched, and the latest erasure that recorded one of them. */
    private static final class Match {

        final Set<String> keys = new LinkedHashSet<>();
        Document record;

        void add(String key, Document by) {
            keys.add(key);
            if (record == null || erasedAt(by).after(erasedAt(record))) {
                record = by;
            }
        }
    }
}
