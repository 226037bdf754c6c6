package org.consentledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The role matrix in docs/api.md is complete, so {@link SecurityMatrixTest} calls every endpoint that needs a token. */
class RoleMatrixTest {

    @Test
    void theRoleMatrixHasOneRowForEveryEndpointThatNeedsAToken() {
        assertThat(RoleMatrix.fromApiReference()).extracting(RoleMatrix.Row::endpoint)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(RoleMatrix.protectedEndpoints());
    }
}
