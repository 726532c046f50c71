package dev.parley.erasure;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.ArrayList;

/**
 * Whom an erasure is about, as the erasers need it: the tenant, the contact, the values that name
 * the person ({@link Markers}), the conversations that are theirs alone (erased whole, kept as
 * facts under a random replacement id) and the conversations they share with other contacts
 * (only what names them goes). Held in memory for the erasure only; nothing of it is stored.
 */
public record ErasureSubject(String tenant, String contactId, String erasureId, Markers markers,
                             Map<String, String> ownConversations, Set<String> sharedConversations) {

    /** The text that replaces an erased value. */
    public static final String ERASED = "[erased]";

    public static ErasureSubject of(String tenant, String contactId, String erasureId, Markers markers,
                                    Collection<String> own, Set<String> shared) {
        Map<String, String> replacements = new LinkedHashMap<>();
        own.forEach(conversation -> replacements.put(conversation, replacementId()));
        return new ErasureSubject(tenant, contactId, erasureId, markers, replacements, Set.copyOf(shared));
    }

    /** A random id that stands for an erased message or conversation, so facts about it stay countable. */
    public static String replacementId() {
        return "erased-" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Every conversation the erasure touches. */
    public List<String> conversations() {
        List<String> all = new ArrayList<>(ownConversations.keySet());
        all.addAll(sharedConversations);
        return all;
    }
}
