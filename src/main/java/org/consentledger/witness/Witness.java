package org.consentledger.witness;

import java.lang.System.Logger.Level;
import java.security.KeyPair;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.consentledger.verify.Checkpoint;
import org.consentledger.verify.Cosignature;
import org.consentledger.verify.Ed25519;
import org.consentledger.verify.Merkle;

/**
 * A C2SP tlog-witness: it cosigns a log's checkpoint only when the log has grown consistently
 * from the last checkpoint it cosigned for that log, and keeps that last one durably. A log that
 * shows it a different tree of a size it already cosigned, or one its proof cannot connect to,
 * is refused, so a fork cannot gather this witness's cosignature.
 */
public final class Witness {

    /** An HTTP answer: status, content type and body. */
    public record Answer(int status, String contentType, String body) {

        static Answer text(int status, String body) {
            return new Answer(status, "text/plain; charset=utf-8", body + "\n");
        }
    }

    private static final System.Logger LOG = System.getLogger(Witness.class.getName());

    private final Cosignature.WitnessKey key;
    private final KeyPair keyPair;
    private final Map<String, Checkpoint.VerifierKey> logs;
    private final WitnessState state;
    private final Clock clock;

    Witness(String name, KeyPair keyPair, Collection<Checkpoint.VerifierKey> logs, WitnessState state, Clock clock) {
        this.key = Cosignature.WitnessKey.of(name, Ed25519.rawPublicKey(keyPair.getPublic()));
        this.keyPair = keyPair;
        this.logs = logs.stream().collect(Collectors.toMap(Checkpoint.VerifierKey::name, Function.identity()));
        this.state = state;
        this.clock = clock;
    }

    public Cosignature.WitnessKey key() {
        return key;
    }

    /** Handles an add-checkpoint body; checking the old size and keeping the new head happen as one step. */
    public synchronized Answer addCheckpoint(String body) {
        WitnessRequest request;
        Checkpoint claimed;
        try {
            request = WitnessRequest.parse(body);
            claimed = Checkpoint.parse(request.note());
        } catch (IllegalArgumentException e) {
            return Answer.text(400, e.getMessage());
        }
        Checkpoint.VerifierKey logKey = logs.get(claimed.origin());
        if (logKey == null) {
            return Answer.text(404, "this witness does not witness the log " + claimed.origin());
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.verify(request.note(), logKey);
        } catch (IllegalArgumentException e) {
            return Answer.text(403, "the checkpoint is not signed by the log's key");
        }
        if (request.oldSize() > checkpoint.treeSize()) {
            return Answer.text(400, "the old size is larger than the checkpoint's");
        }
        WitnessState.Head head = state.head(checkpoint.origin()).orElse(new WitnessState.Head(0, Merkle.emptyRoot()));
        if (request.oldSize() != head.size()) {
            return new Answer(409, "text/x.tlog.size", head.size() + "\n");
        }
        if (checkpoint.treeSize() == head.size() && !Arrays.equals(checkpoint.rootHash(), head.rootHash())) {
            return refuse(409, checkpoint, request, "a different tree of the size already cosigned: a fork");
        }
        if (!Merkle.verifyConsistency(head.size(), checkpoint.treeSize(), head.rootHash(), checkpoint.rootHash(),
                request.proof())) {
            return refuse(422, checkpoint, request, "the consistency proof does not verify from the cosigned size "
                    + head.size());
        }
        state.put(checkpoint.origin(), new WitnessState.Head(checkpoint.treeSize(), checkpoint.rootHash()));
        return new Answer(200, "text/plain; charset=utf-8", cosign(request.note()));
    }

    private String cosign(String note) {
        long timestamp = clock.instant().getEpochSecond();
        byte[] message = Cosignature.message(Cosignature.noteText(note), timestamp);
        return Cosignature.line(key, timestamp, Ed25519.sign(keyPair.getPrivate(), message));
    }

    /** A correctly signed checkpoint that is refused may be evidence of a misbehaving log, so it is logged whole. */
    private Answer refuse(int status, Checkpoint checkpoint, WitnessRequest request, String reason) {
        LOG.log(Level.WARNING, String.format("Refused the checkpoint of %s at size %d (old size %d): %s. The signed note:%n%s",
                checkpoint.origin(), checkpoint.treeSize(), request.oldSize(), reason, request.note()));
        return Answer.text(status, reason);
    }
}
