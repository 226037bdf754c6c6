package org.consentledger.verify;

import java.util.List;

/**
 * What an auditor trusts a checkpoint on: the log's key, and optionally witnesses, of which at
 * least {@code quorum} distinct ones must have cosigned it. Witnesses catch what the log's key
 * alone cannot: a log that signs two different histories, one of them for you.
 */
public record Trust(Checkpoint.VerifierKey log, List<Cosignature.WitnessKey> witnesses, int quorum) {

    public Trust {
        witnesses = List.copyOf(witnesses);
        if (quorum < 0 || quorum > witnesses.size()) {
            throw new IllegalArgumentException("the quorum must be between 0 and the number of witness keys");
        }
    }

    /** The log's signature alone. */
    public static Trust log(Checkpoint.VerifierKey key) {
        return new Trust(key, List.of(), 0);
    }

    /**
     * The checkpoint of a note signed by the log and cosigned by a quorum of the witnesses.
     *
     * @throws Verdict.Failure naming what is missing or wrong
     */
    Checkpoint checkpoint(Object note, String what) {
        if (!(note instanceof String text)) {
            throw new Verdict.Failure(null, "no " + what);
        }
        try {
            Checkpoint checkpoint = Checkpoint.verify(text, log);
            int cosigned = witnesses.isEmpty() ? 0 : Cosignature.cosigners(text, witnesses).size();
            if (cosigned < quorum) {
                throw new Verdict.Failure(null, what + " carries valid cosignatures from " + cosigned + " of the "
                        + witnesses.size() + " witness " + (witnesses.size() == 1 ? "key" : "keys") + " given; "
                        + quorum + " needed");
            }
            return checkpoint;
        } catch (IllegalArgumentException e) {
            throw new Verdict.Failure(null, what + " rejected: " + e.getMessage());
        }
    }
}
