package org.consentledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SiteGrantsTest {

    @Test
    void thePlainRoleCoversEverySite() {
        SiteGrants grants = SiteGrants.of(Roles.AUDITOR, List.of("auditor"));

        assertThat(grants.global()).isTrue();
        assertThat(grants.allows("news-a")).isTrue();
        assertThat(grants.allows("anything")).isTrue();
        assertThat(grants.condition("k")).isEqualTo(new SiteGrants.Condition("1 = 1", Map.of()));
    }

    @Test
    void aSiteKeyCoversThatSiteOnlyAndAPatternEverySiteStartingWithIt() {
        SiteGrants grants = SiteGrants.of(Roles.AUDITOR, List.of("auditor:shop", "auditor:news-*"));

        assertThat(grants.global()).isFalse();
        assertThat(grants.scoped()).isTrue();
        assertThat(grants.allows("shop")).isTrue();
        assertThat(grants.allows("shop-2")).isFalse();
        assertThat(grants.allows("news-a")).isTrue();
        assertThat(grants.allows("news-")).isTrue();
        assertThat(grants.allows("news")).isFalse();
        assertThat(grants.allows("newsroom")).isFalse();
    }

    @Test
    void grantsOfTheOtherRoleGrantNothing() {
        SiteGrants grants = SiteGrants.of(Roles.ADMIN, List.of("auditor", "auditor:news-a", "auditor:news-*"));

        assertThat(grants.none()).isTrue();
        assertThat(grants.allows("news-a")).isFalse();
        assertThat(grants.condition("k").clause()).isEqualTo("1 = 0");
    }

    @Test
    void aServiceGrantIsARoleOfItsOwnThatNoAdminOrAuditorGrantGives() {
        List<String> groups = List.of("admin", "auditor", "service:shop");

        assertThat(SiteGrants.of(Roles.SERVICE, groups).global()).isFalse();
        assertThat(SiteGrants.of(Roles.SERVICE, groups).siteKeys()).containsExactly("shop");
        assertThat(SiteGrants.of(Roles.SERVICE, List.of("admin", "auditor")).none()).isTrue();
        assertThat(SiteGrants.of(Roles.ADMIN, List.of("service", "service:shop")).none()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "auditor:", "auditor:*", "auditor:ab", "auditor:News", "auditor:news_a", "auditor:news*a",
            "auditor:news-**", "auditor:*news", "auditor:news-a:x", "auditor: news-a", "auditor:news-a ", "Auditor",
            "auditor-scoped", "auditors:news-a", "auditor:%", "auditor:news-%*", "auditor:news_*" })
    void aMalformedGroupGrantsNothingAndIsIgnored(String group) {
        SiteGrants grants = SiteGrants.of(Roles.AUDITOR, List.of(group, "auditor:shop"));

        assertThat(grants.siteKeys()).containsExactly("shop");
        assertThat(grants.prefixes()).isEmpty();
        assertThat(grants.global()).isFalse();
        assertThat(SiteGrants.isScopedGroup(Roles.AUDITOR, group)).isFalse();
    }

    @Test
    void theConditionMatchesTheSameSitesAsAllowsWithNamedParameters() {
        SiteGrants grants = SiteGrants.of(Roles.AUDITOR, List.of("auditor:shop", "auditor:blog", "auditor:news-*",
                "auditor:agency-*"));

        SiteGrants.Condition condition = grants.condition("site_key");

        assertThat(condition.clause())
                .isEqualTo("(site_key in (:scopeKeys) or site_key like :scopePrefix0 or site_key like :scopePrefix1)");
        assertThat(condition.parameters()).containsExactly(Map.entry("scopeKeys", List.of("blog", "shop")),
                Map.entry("scopePrefix0", "agency-%"), Map.entry("scopePrefix1", "news-%"));
    }

    @Test
    void noGroupsAtAllGrantNothing() {
        assertThat(SiteGrants.of(Roles.ADMIN, null).none()).isTrue();
        assertThat(SiteGrants.of(Roles.ADMIN, List.of()).none()).isTrue();
    }
}
