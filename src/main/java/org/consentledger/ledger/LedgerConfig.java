package org.consentledger.ledger;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The ledger's settings, under consent.ledger (environment: CONSENT_LEDGER_...). */
@ConfigMapping(prefix = "consent.ledger")
public interface LedgerConfig {

    /** The log's name in every checkpoint (C2SP origin line), and the signing key's name. */
    @WithDefault("consent-ledger.local/ledger")
    String origin();

    /** The Ed25519 signing key: PKCS#8 PEM, or base64 of the 32-byte seed. */
    Optional<String> signingKey();

    /** A file holding the signing key, as PEM. */
    Optional<String> signingKeyFile();

    /** Create the key file at first start when it is missing (local trial only). */
    @WithDefault("false")
    boolean generateKey();

    /** How often the sequencer turns queued records into leaves. */
    @WithDefault("200ms")
    Duration sequenceInterval();

    /** How often a signed checkpoint is made while new leaves exist. */
    @WithDefault("10s")
    Duration checkpointInterval();

    /**
     * The longest an acknowledged event may wait for a signed checkpoint to hold it: each receipt
     * promises inclusion by its receivedAt plus this, and an event not yet a leaf by then turns
     * the ledger health check DOWN.
     */
    @WithDefault("1m")
    Duration maxMergeDelay();

    /**
     * Where the signer keeps the last checkpoint it signed, outside the database. Give each
     * replica its own persistent directory.
     */
    @WithDefault("data/ledger")
    String stateDir();

    /** How often the triggers and functions that feed the ledger are compared with the migrations'. */
    @WithDefault("1m")
    Duration pathCheckInterval();

    /**
     * The witnesses each new checkpoint is submitted to for cosigning (C2SP tlog-witness), each as
     * its URL (the prefix of /add-checkpoint), a space, and its verifier key; comma-separated.
     */
    Optional<List<String>> witnesses();

    /**
     * How many of those witnesses must have cosigned a checkpoint before the service hands it out
     * as the latest (checkpoint, proofs, export, evidence). 0: the latest, with what it has.
     */
    @WithDefault("0")
    int witnessQuorum();

    /**
     * How often each replica renews the sequencer lease, or tries to take it: a standby takes over
     * within about this long after the leader's database session ends.
     */
    @WithDefault("1s")
    Duration leaseInterval();

    /** How often the sequencing replica deletes, in bulk, the queued rows it has taken. */
    @WithDefault("1m")
    Duration queuePruneInterval();

    /**
     * How long the sequencer waits for a queued record whose row it cannot see yet but may (under
     * Citus, an event still committing on a worker), before it skips it as gone.
     */
    @WithDefault("10s")
    Duration unseenRecordGrace();

    /** The most records the sequencer appends in one transaction. */
    @WithDefault("2000")
    int batchSize();
}
