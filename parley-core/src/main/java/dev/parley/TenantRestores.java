package dev.parley;

import dev.parley.backup.RestoredTenants;
import dev.parley.contacts.ErasureReapply;
import org.bson.Document;

import java.util.Set;
import java.util.function.UnaryOperator;

/** What a restore has done to each tenant it restored: the audit chain forgotten, erasures re-applied, an audit entry. */
final class TenantRestores implements RestoredTenants {

    private final Parley parley;

    TenantRestores(Parley parley) {
        this.parley = parley;
    }

    @Override
    public void forgetAuditChain(String tenant) {
        parley.auditWriter().forget(tenant);
    }

    @Override
    public boolean exists(String tenant) {
        return parley.tenants().find(tenant).isPresent();
    }

    @Override
    public ErasureReapply.Outcome reapplyErasures(String tenant) {
        return parley.tenant(tenant).contactErasure().reapply();
    }

    @Override
    public ErasureReapply.Outcome reapplyErasures(String tenant, String source, UnaryOperator<Set<String>> restoredAmong) {
        return parley.tenant(tenant).contactErasure().reapply(parley.tenant(source).contactErasure().records(), restoredAmong);
    }

    @Override
    public void audit(String tenant, Document entry) {
        parley.tenant(tenant).audit().log(entry);
    }
}
