package org.consentledger.adminlog;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/** The one owner of the admin_log table. Entries are only ever added. */
@ApplicationScoped
public class AdminLogRepository implements PanacheRepositoryBase<AdminLogEntry, Long> {

    /** Up to {@code limit} entries after the given id, oldest first. */
    public List<AdminLogEntry> after(long id, int limit) {
        return find("id > ?1", Sort.ascending("id"), id).page(Page.ofSize(limit)).list();
    }

    public List<AdminLogEntry> listByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
