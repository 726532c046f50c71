package dev.parley.backup;

import dev.parley.contacts.ErasureReapply;
import org.bson.Document;

import java.util.List;
import java.util.Map;

/**
 * What a restore did: per collection the documents inserted and those already there
 * ({@code collection}, {@code inserted}, {@code skipped}, {@code note}), and per tenant restored
 * the erasures it re-applied (or a legal hold kept from re-applying).
 */
public record Restored(List<Document> collections, Map<String, ErasureReapply.Outcome> erasures) {

    /** Contacts erased again, in every tenant. */
    public long erasedAgain() {
        return erasures.values().stream().mapToLong(outcome -> outcome.erased().size()).sum();
    }

    /** Erasures a legal hold kept from being re-applied, in every tenant: the restored data still names these people. */
    public long blocked() {
        return erasures.values().stream().mapToLong(outcome -> outcome.blocked().size()).sum();
    }
}
