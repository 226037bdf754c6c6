package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.consentledger.policy.PolicyHash;
import org.consentledger.policy.PolicyKind;
import org.consentledger.support.Api;
import org.consentledger.verify.CanonicalJson;
import org.consentledger.verify.Leaves;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Golden bytes of the two record kinds that languages added: a renamed key fails here before it breaks a ledger. */
@QuarkusTest
class LanguageRecordsTest {

    @Inject
    DataSource dataSource;

    @Inject
    LedgerRecords records;

    @Test
    void aTranslationRecordHasTheGoldenBytes() throws Exception {
        String siteKey = Api.createSite();
        String versionId = Api.publish(siteKey, "COOKIE_POLICY", "2.0", true);
        UUID id = UUID.randomUUID();
        String sha256 = PolicyHash.of(PolicyKind.COOKIE_POLICY, "2.0", "Cookies", "https://www.example.com/de/cookies",
                "Text \"zitiert\" ß", null, null);
        insert("insert into policy_translation (id, policy_version_id, language, title, url, content, eea_addendum, "
                + "published_at, published_by, sha256) values (?::uuid, ?::uuid, 'de', 'Cookies', "
                + "'https://www.example.com/de/cookies', 'Text \"zitiert\" ß', null, '2024-04-30T08:15:30.12Z', "
                + "'admin@example.com', ?)", id.toString(), versionId, sha256);

        String expected = "{\"content\":\"Text \\\"zitiert\\\" ß\",\"eeaAddendum\":null,\"id\":\"" + id
                + "\",\"kind\":\"COOKIE_POLICY\",\"language\":\"de\",\"policyVersionId\":\"" + versionId
                + "\",\"publishedAt\":\"2024-04-30T08:15:30.120Z\",\"publishedBy\":\"admin@example.com\",\"sha256\":\""
                + sha256 + "\",\"siteKey\":\"" + siteKey + "\",\"title\":\"Cookies\","
                + "\"url\":\"https://www.example.com/de/cookies\",\"version\":\"2.0\"}";
        assertThat(CanonicalJson.string(load(Leaves.POLICY_TRANSLATION, id.toString())))
                .isEqualTo(expected);
    }

    @Test
    void aBannerTextSetRecordHasTheGoldenBytes() throws Exception {
        String siteKey = Api.createSite();
        UUID id = UUID.randomUUID();
        insert("insert into banner_text_set (id, site_id, language, version, texts, created_at, created_by) "
                + "select ?::uuid, id, 'fr-CA', 3, '{\"heading\": \"Vos choix\", \"close\": \"Fermer\"}'::jsonb, "
                + "'2024-05-01T10:00:00Z', 'admin@example.com' from site where site_key = ?", id.toString(), siteKey);

        assertThat(CanonicalJson.string(load(Leaves.BANNER_TEXT_SET, id.toString()))).isEqualTo(
                "{\"createdAt\":\"2024-05-01T10:00:00Z\",\"createdBy\":\"admin@example.com\",\"id\":\"" + id
                        + "\",\"language\":\"fr-CA\",\"siteKey\":\"" + siteKey
                        + "\",\"texts\":{\"close\":\"Fermer\",\"heading\":\"Vos choix\"},\"version\":3}");
    }

    private void insert(String sql, String... params) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private Map<String, Object> load(String source, String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Map<String, Map<String, Object>> found = records.load(c, source, List.of(key));
            assertThat(found).containsOnlyKeys(key);
            return found.get(key);
        }
    }
}
