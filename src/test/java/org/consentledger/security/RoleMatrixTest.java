package org.consentledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's role matrix is complete, so {@link SecurityMatrixTest} calls every endpoint that needs a token. */
class RoleMatrixTest {

    @Test
    void theRoleMatrixHasOneRowForEveryEndpointThatNeedsAToken() {
        assertThat(RoleMatrix.fromReadme()).extracting(RoleMatrix.Row::endpoint)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(RoleMatrix.protectedEndpoints());
    }
}
