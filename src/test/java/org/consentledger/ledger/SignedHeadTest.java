package org.consentledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import jakarta.inject.Inject;

import org.consentledger.verify.Checkpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quarkus.test.junit.QuarkusTest;

/** The signer's memory of what it signed survives a restart, and cannot be edited without the key. */
@QuarkusTest
class SignedHeadTest {

    @Inject
    LedgerKeys keys;

    @TempDir
    Path stateDir;

    @Test
    void aRestartedSignerRemembersItsLastCheckpoint() {
        Checkpoint signed = new Checkpoint(keys.verifierKey().name(), 7, new byte[32]);
        head().remember(signed, keys.signedNote(signed));

        Optional<Checkpoint> remembered = head().last(Optional.empty());

        assertThat(remembered).hasValueSatisfying(c -> {
            assertThat(c.treeSize()).isEqualTo(7);
            assertThat(c.rootHash()).isEqualTo(new byte[32]);
        });
    }

    @Test
    void aSignerWithoutStateTrustsTheDatabaseOnceAndKeepsIt() {
        Checkpoint latest = new Checkpoint(keys.verifierKey().name(), 3, new byte[32]);
        StoredCheckpoint stored = new StoredCheckpoint(3, new byte[32], keys.signedNote(latest), Instant.now());

        assertThat(head().last(Optional.of(stored))).map(Checkpoint::treeSize).hasValue(3L);
        assertThat(head().last(Optional.empty())).as("kept in the state file").map(Checkpoint::treeSize).hasValue(3L);
    }

    @Test
    void anEditedStateFileIsRefusedAtStart() throws Exception {
        Checkpoint signed = new Checkpoint(keys.verifierKey().name(), 7, new byte[32]);
        head().remember(signed, keys.signedNote(signed));
        Path file = stateDir.resolve(SignedHead.FILE_NAME);
        Files.writeString(file, Files.readString(file).replace("\n7\n", "\n3\n"));

        assertThatThrownBy(this::head).hasMessageContaining("is not a checkpoint signed by this ledger's key");
    }

    private SignedHead head() {
        LedgerConfig config = (LedgerConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { LedgerConfig.class }, (proxy, method, args) -> {
                    if (method.getName().equals("stateDir")) {
                        return stateDir.toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        return new SignedHead(keys, config);
    }
}
