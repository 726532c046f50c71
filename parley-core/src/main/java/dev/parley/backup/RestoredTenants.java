package dev.parley.backup;

import dev.parley.contacts.ErasureReapply;
import org.bson.Document;

import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What a restore asks of the features for each tenant it restored. Owned here and implemented by
 * the root over the audit trail, the tenant registry and each tenant's contact erasure.
 */
public interface RestoredTenants {

    /** Drops what is cached of the tenant's audit chain: the restore changed its stored head. */
    void forgetAuditChain(String tenant);

    /** Whether the tenant is registered (only those get the restore's audit entry). */
    boolean exists(String tenant);

    /** Re-applies the tenant's own erasure log to its contacts. */
    ErasureReapply.Outcome reapplyErasures(String tenant);

    /**
     * Re-applies {@code source}'s erasure log in {@code tenant}, to the contacts found that
     * {@code restoredAmong} keeps (those that came from {@code source}'s backup).
     */
    ErasureReapply.Outcome reapplyErasures(String tenant, String source, UnaryOperator<Set<String>> restoredAmong);

    /** Appends an entry to the tenant's audit log. */
    void audit(String tenant, Document entry);
}
