package org.consentledger.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

public final class ClasspathResources {

    private ClasspathResources() {
    }

    /** The bytes of a resource packaged with the service; a missing one is a build defect. */
    public static byte[] read(String location) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException("Missing from the classpath: " + location);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
