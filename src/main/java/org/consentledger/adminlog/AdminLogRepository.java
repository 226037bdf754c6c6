package org.consentledger.adminlog;

import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.security.SiteGrants;
import org.hibernate.query.NativeQuery;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** The one owner of the admin_log table. Entries are only ever added. */
@ApplicationScoped
public class AdminLogRepository implements PanacheRepositoryBase<AdminLogEntry, Long> {

    /**
     * The site an entry is about, in SQL: a SITE entry's target is the site key, and a
     * POLICY_VERSION entry recorded the key of the site it was published on. An entry of any other
     * target type is about no site, and only a global auditor sees it.
     */
    static final String SITE_OF_ENTRY = "case target_type when 'SITE' then target "
            + "when 'POLICY_VERSION' then after ->> 'siteKey' "
            + "when 'POLICY_TRANSLATION' then after ->> 'siteKey' when 'BANNER_TEXT_SET' then after ->> 'siteKey' end";

    /**
     * Up to {@code limit} entries after the given id that the grants cover, oldest first. The
     * filter is in the query, so a page is full whenever more covered entries exist, and the
     * keyset cursor (the last id) stays exact.
     */
    public List<AdminLogEntry> after(long id, int limit, SiteGrants grants) {
        if (grants.none()) {
            return List.of();
        }
        SiteGrants.Condition covered = grants.condition(SITE_OF_ENTRY);
        NativeQuery<AdminLogEntry> query = getSession().createNativeQuery(
                "select * from admin_log where id > :after and " + covered.clause() + " order by id limit :limit",
                AdminLogEntry.class);
        query.setParameter("after", id).setParameter("limit", limit);
        covered.parameters().forEach(query::setParameter);
        return query.getResultList();
    }

    public List<AdminLogEntry> listByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
