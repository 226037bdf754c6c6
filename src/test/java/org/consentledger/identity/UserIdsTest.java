package org.consentledger.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.consentledger.common.ApiException;
import org.consentledger.verify.GoldenRecords;
import org.junit.jupiter.api.Test;

/** The pseudonym of an account id: HMAC-SHA256 under the site's secret, of the id exactly as given. */
class UserIdsTest {

    private static final UUID SITE = UUID.randomUUID();

    /** The secrets table without a database: every site has the key given. */
    private static UserIds withSecret(String secret) {
        return new UserIds(new PseudonymSecrets(null, null) {
            @Override
            byte[] of(UUID siteId) {
                return secret.getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    @Test
    void theHashIsHmacSha256AsLowerCaseHexAsRfc4231Gives() {
        assertThat(withSecret(GoldenRecords.USER_HASH_KEY).hash(SITE, GoldenRecords.USER_HASH_ID))
                .isEqualTo(GoldenRecords.USER_HASH);
    }

    @Test
    void theIdIsHashedExactlyAsGivenAndEachSecretGivesOtherHashes() {
        UserIds one = withSecret("one secret");
        assertThat(one.hash(SITE, "Alice")).isNotEqualTo(one.hash(SITE, "alice")).isNotEqualTo(one.hash(SITE, " Alice"));
        assertThat(one.hash(SITE, "Alice")).isNotEqualTo(withSecret("another secret").hash(SITE, "Alice"));
    }

    @Test
    void anIdOf256CharactersIsTakenAndOneOf257IsRefusedNamingUserId() {
        UserIds ids = withSecret("secret");
        assertThat(ids.hash(SITE, "u".repeat(UserIds.MAX_LENGTH))).hasSize(64);
        assertRefused(ids, "u".repeat(UserIds.MAX_LENGTH + 1), "must be at most 256 characters");
        assertRefused(ids, "", "must not be blank");
        assertRefused(ids, "  ", "must not be blank");
        assertRefused(ids, null, "must not be blank");
    }

    private static void assertRefused(UserIds ids, String userId, String message) {
        assertThatThrownBy(() -> ids.hash(SITE, userId)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors()).singleElement().satisfies(error -> {
                assertThat(error.field()).isEqualTo("userId");
                assertThat(error.message()).isEqualTo(message);
            });
        });
    }
}
