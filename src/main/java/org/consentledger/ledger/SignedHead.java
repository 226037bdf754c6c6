package org.consentledger.ledger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.verify.Checkpoint;

import io.quarkus.logging.Log;

/**
 * The last checkpoint this signer signed, kept outside the database (in memory and in a file of
 * its state directory), so that an operator who rewrites the database cannot make it forget what
 * it promised. Once a tree fails to extend it, the signer halts for good: see {@link Checkpointer}.
 */
@ApplicationScoped
public class SignedHead {

    static final String FILE_NAME = "last-signed-checkpoint";

    private final LedgerKeys keys;
    private final Path file;
    private Checkpoint last;

    SignedHead(LedgerKeys keys, LedgerConfig config) {
        this.keys = keys;
        this.file = Path.of(config.stateDir()).resolve(FILE_NAME);
        this.last = load();
    }

    /** The last checkpoint signed here, or the database's latest, trusted once when there is no local state. */
    synchronized Optional<Checkpoint> last(Optional<StoredCheckpoint> latestInDatabase) {
        if (last == null && latestInDatabase.isPresent()) {
            StoredCheckpoint trusted = latestInDatabase.get();
            Log.warnf("The ledger signer has no local state in %s; it trusts the latest checkpoint in the database "
                    + "once (size %d, root %s) and checks every later tree against it", file, trusted.treeSize(),
                    base64(trusted.rootHash()));
            remember(new Checkpoint(keys.verifierKey().name(), trusted.treeSize(), trusted.rootHash()), trusted.note());
        }
        return Optional.ofNullable(last);
    }

    synchronized void remember(Checkpoint checkpoint, String signedNote) {
        try {
            Files.createDirectories(file.getParent());
            Path next = file.resolveSibling(FILE_NAME + ".new");
            Files.writeString(next, signedNote, StandardCharsets.UTF_8);
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the last signed checkpoint in " + file, e);
        }
        last = checkpoint;
    }

    private Checkpoint load() {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            // Our own signature on it: a file edited by someone without the key is refused.
            return Checkpoint.verify(Files.readString(file, StandardCharsets.UTF_8), keys.verifierKey());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not a checkpoint signed by this ledger's key: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the last signed checkpoint in " + file, e);
        }
    }

    static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
