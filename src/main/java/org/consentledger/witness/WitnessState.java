package org.consentledger.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The last tree each log's checkpoint was cosigned at, kept in a file of lines
 * {@code <size> <base64 root hash> <origin>}. Every change is on disk (written, flushed and moved
 * into place) before the witness answers, so a witness that restarts can never be talked into
 * cosigning a tree it already refused: forgetting would let a log fork.
 */
final class WitnessState {

    record Head(long size, byte[] rootHash) {
    }

    private final Path file;
    private final Map<String, Head> heads = new HashMap<>();

    private WitnessState(Path file) {
        this.file = file;
    }

    static WitnessState open(Path file) {
        WitnessState state = new WitnessState(file);
        if (Files.exists(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] parts = line.split(" ", 3);
                    if (parts.length != 3) {
                        throw new IllegalStateException("The witness state " + file + " is damaged: " + line);
                    }
                    state.heads.put(parts[2], new Head(Long.parseLong(parts[0]), Base64.getDecoder().decode(parts[1])));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the witness state " + file, e);
            }
        }
        return state;
    }

    Optional<Head> head(String origin) {
        return Optional.ofNullable(heads.get(origin));
    }

    void put(String origin, Head head) {
        Map<String, Head> next = new HashMap<>(heads);
        next.put(origin, head);
        StringBuilder text = new StringBuilder();
        next.forEach((name, h) -> text.append(h.size()).append(' ')
                .append(Base64.getEncoder().encodeToString(h.rootHash())).append(' ').append(name).append('\n'));
        write(text.toString());
        heads.put(origin, head);
    }

    private void write(String text) {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the witness state " + file, e);
        }
    }
}
