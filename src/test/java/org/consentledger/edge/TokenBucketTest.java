package org.consentledger.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The bucket's arithmetic, with time passed in instead of slept. */
class TokenBucketTest {

    @Test
    void aFullBucketAdmitsItsBurstThenRefusesWithTheWaitForTheNextToken() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        for (int i = 0; i < 5; i++) {
            assertThat(bucket.take(1, 0)).isZero();
        }
        assertThat(bucket.take(1, 0)).isEqualTo(100);
    }

    @Test
    void tokensComeBackAtTheRateAndNeverBeyondTheBurst() {
        TokenBucket bucket = new TokenBucket(10, 5, 0);
        assertThat(bucket.take(5, 0)).isZero();
        assertThat(bucket.take(2, 150)).isEqualTo(50);
        assertThat(bucket.take(2, 200)).isZero();
        assertThat(bucket.full(60_000)).isTrue();
        assertThat(bucket.take(6, 60_000)).as("a cost over the burst is taken from a full bucket").isZero();
        assertThat(bucket.take(1, 60_000)).as("and leaves it in debt").isEqualTo(200);
    }

    @Test
    void aRefusalTakesNothing() {
        TokenBucket bucket = new TokenBucket(1, 3, 0);
        assertThat(bucket.take(3, 0)).isZero();
        assertThat(bucket.take(3, 1000)).isPositive();
        assertThat(bucket.take(1, 1000)).isZero();
    }

    @Test
    void aClockThatGoesBackAddsNoTokens() {
        TokenBucket bucket = new TokenBucket(10, 2, 1000);
        assertThat(bucket.take(2, 1000)).isZero();
        assertThat(bucket.take(1, 0)).isPositive();
    }
}
