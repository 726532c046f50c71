package dev.parley.server.cli;

import dev.parley.contacts.ErasureReapply;
import org.bson.Document;

import java.util.Map;

/**
 * What {@code restore} and {@code contacts reapply-erasures} print about the erasure log: each
 * contact erased again on stdout, and on stderr each erasure a legal hold kept from being
 * re-applied, with what to do. Exit code {@link #BLOCKED} then: the data is there, the erasure is not.
 */
final class ReappliedErasures {

    /** The restore (or the re-apply) ran, but a legal hold kept at least one erasure from being re-applied. */
    static final int BLOCKED = 3;

    private ReappliedErasures() {
    }

    /** Prints the outcomes per tenant; {@link #BLOCKED} when any erasure was not re-applied, else 0. */
    static int print(Map<String, ErasureReapply.Outcome> outcomes) {
        long erased = 0;
        long blocked = 0;
        for (Map.Entry<String, ErasureReapply.Outcome> tenant : outcomes.entrySet()) {
            for (Document contact : tenant.getValue().erased()) {
                System.out.printf("erased again: contact %s of %s (erasure %s re-applied; %,d documents; report %s)%n",
                        contact.getString("contact_id"), tenant.getKey(), contact.getString("reapplies"),
                        ((Number) contact.get("documents")).longValue(), Boolean.TRUE.equals(contact.get("clean")) ? "clean" : "NOT CLEAN");
                erased++;
            }
            for (Document contact : tenant.getValue().blocked()) {
                System.err.printf("NOT ERASED: contact %s of %s (erasure %s): %s. The restored data still names this person:"
                                + " once the hold is lifted run ./parley contacts reapply-erasures --tenant %s%n",
                        contact.getString("contact_id"), tenant.getKey(), contact.getString("reapplies"), contact.getString("reason"),
                        tenant.getKey());
                blocked++;
            }
        }
        System.out.printf("erasure log re-applied: %d contacts erased again%s%n", erased,
                blocked == 0 ? "" : ", " + blocked + " NOT (legal hold)");
        return blocked == 0 ? 0 : BLOCKED;
    }
}
