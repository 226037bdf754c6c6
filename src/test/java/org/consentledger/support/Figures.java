package org.consentledger.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The figures a fault test measured (connections held, requests limited, faults injected, events
 * acknowledged and lost), printed in the test output and appended to target/fault-figures.txt,
 * from which docs/faults.md is written.
 */
public final class Figures {

    private static final Path FILE = Path.of("target", "fault-figures.txt");

    private Figures() {
    }

    public static void record(String test, String figure, Object value) {
        String line = "[fault figures] " + test + ": " + figure + " = " + value;
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
