package org.consentledger.bannertext;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/** The one owner of the banner_text_set table. Sets are only ever added. */
@ApplicationScoped
public class BannerTextSetRepository implements PanacheRepositoryBase<BannerTextSet, UUID> {

    /** The site's sets, by language, newest version first; of one language when {@code language} is not null. */
    public List<BannerTextSet> newestFirst(UUID siteId, String language) {
        Sort order = Sort.ascending("language").and("version", Sort.Direction.Descending);
        return language == null ? list("siteId", order, siteId)
                : list("siteId = ?1 and language = ?2", order, siteId, language);
    }

    /** The texts of the site's latest set in each language it has overridden. */
    public Map<String, Map<String, String>> latestByLanguage(UUID siteId) {
        Map<String, Map<String, String>> latest = new HashMap<>();
        newestFirst(siteId, null).forEach(set -> latest.putIfAbsent(set.language, Map.copyOf(set.texts)));
        return latest;
    }

    public int nextVersion(UUID siteId, String language) {
        Integer highest = getEntityManager()
                .createQuery("select max(s.version) from BannerTextSet s where s.siteId = ?1 and s.language = ?2", Integer.class)
                .setParameter(1, siteId).setParameter(2, language).getSingleResult();
        return highest == null ? 1 : highest + 1;
    }

    public List<BannerTextSet> listByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("id in ?1", ids);
    }
}
