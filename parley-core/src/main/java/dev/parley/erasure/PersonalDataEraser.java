package dev.parley.erasure;

import java.util.List;
import org.bson.Document;

/**
 * One feature's part of a contact's erasure: it erases what its own collections hold about the
 * subject, then says what is left. Each feature that stores personal data brings one (a new
 * collection is one more class, registered in {@code Parley}); the erasure runs them in order.
 */
public interface PersonalDataEraser {

    /** The collections this eraser covers (what the erasure report lists). */
    List<String> collections();

    /** Erases the subject's personal data from this feature's collections; returns documents changed per collection. */
    List<CollectionCount> erase(ErasureSubject subject);

    /**
     * Walks every document of this feature's collections for the tenant and counts those that
     * still name the subject (must be none after {@link #erase}): the erasure report's proof.
     */
    List<CollectionCheck> check(ErasureSubject subject);

    /**
     * Hands {@code out} every document of this feature that is about the subject, as the API shows
     * it, one at a time (the person's copy, GDPR article 15): the documents {@link #erase} would
     * change. Streams; never holds a collection in memory.
     */
    void export(ErasureSubject subject, Exported out);

    /** Where an export's documents go, collection by collection. */
    interface Exported {
        void document(String collection, Document doc);
    }

    /** Documents changed in one collection. */
    record CollectionCount(String collection, long documents) {
    }

    /** One collection walked: how many documents were read, how many still name the subject. */
    record CollectionCheck(String collection, long checked, long found) {
    }
}
