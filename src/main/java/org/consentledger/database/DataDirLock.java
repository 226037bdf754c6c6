package org.consentledger.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One copy of the service per embedded data directory. A second copy started on the same
 * directory must not start, stop or adopt the first one's server: it finds this lock held and
 * stops before it touches anything. The operating system releases the lock when the process
 * ends, however it ends, so a killed copy never leaves a stale lock behind.
 */
final class DataDirLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock beside the data directory, or says which process holds it. */
    static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".lock");
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = Files.readString(file).trim();
                channel.close();
                throw new IllegalStateException("The embedded PostgreSQL's data dir " + dataDir.toAbsolutePath()
                        + " is in use by PID " + holder + ", another copy of the service. This copy starts nothing and "
                        + "stops nothing: stop the other copy first, or give this one its own CONSENT_EMBEDDED_POSTGRES_DATA_DIR "
                        + "and CONSENT_EMBEDDED_POSTGRES_PORT");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisProcess) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the lock goes with the process in any case
        }
    }
}
