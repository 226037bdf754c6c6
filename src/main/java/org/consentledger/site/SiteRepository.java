package org.consentledger.site;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.common.ApiException;
import org.consentledger.security.SiteGrants;
import org.consentledger.retention.SitePeriods;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The one owner of the site table. Other features inject it to look a site up. */
@ApplicationScoped
public class SiteRepository implements PanacheRepositoryBase<Site, UUID>, SitePeriods {

    public Optional<Site> findByKey(String siteKey) {
        return find("siteKey", siteKey).firstResultOptional();
    }

    /** The site, or 404 for an unknown siteKey. */
    public Site require(String siteKey) {
        return findByKey(siteKey).orElseThrow(ApiException::unknownSite);
    }

    /** The sites the grants cover, by key. */
    public List<Site> listByKey(SiteGrants grants) {
        SiteGrants.Condition covered = grants.condition("siteKey");
        return list(covered.clause(), Sort.by("siteKey"), covered.parameters());
    }

    public List<Site> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }

    /** The site keys of these sites, by id. */
    public Map<UUID, String> siteKeys(Collection<UUID> ids) {
        Map<UUID, String> siteKeys = new HashMap<>();
        listByIds(ids).forEach(site -> siteKeys.put(site.id, site.siteKey));
        return siteKeys;
    }

    /** Plain JDBC on the caller's connection: the retention job reads it outside any entity manager. */
    @Override
    public SortedSet<Integer> chosen(Connection c) throws SQLException {
        SortedSet<Integer> periods = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("select distinct retention_months from site "
                + "where retention_months is not null order by 1"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                periods.add(rs.getInt(1));
            }
        }
        return periods;
    }
}
