package org.consentledger.policy;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The bounds of a policy diff, under consent.policy-diff (environment: CONSENT_POLICY_DIFF_...).
 * A diff costs time in the product of the two sides' lengths when they share lines in a scrambled
 * order, so both its size and its time are bounded: at the default size the worst case takes well
 * under a second of CPU, and the time limit ends it on a machine too busy for that.
 */
@ConfigMapping(prefix = "consent.policy-diff")
public interface PolicyDiffConfig {

    /** The most lines one side may have: its title, url, content and EEA addendum, with their headings. */
    @WithDefault("10000")
    int maxLines();

    /** The longest a diff may run; then it stops, and the request gets 422. */
    @WithDefault("2s")
    Duration timeLimit();
}
