package org.consentledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Node.js package of the tests, src/test/node/&lt;name&gt;, installed with npm into
 * target/node-&lt;name&gt;, where its scripts run. Without node or npm the calling test is skipped.
 */
public final class NodePackage {

    /** Installed once per test JVM, afresh: a package.json may have changed since the last build. */
    private static final Set<String> INSTALLED = new HashSet<>();

    private NodePackage() {
    }

    /** The directory the package is installed in, after npm installed its pinned dependencies. */
    public static synchronized Path install(String name) throws Exception {
        assumeTrue(runs("node", "--version") && runs("npm", "--version"), "node and npm are needed for this test");
        Path source = Path.of("src/test/node", name);
        Path target = Path.of("target", "node-" + name);
        if (INSTALLED.contains(name)) {
            return target;
        }
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Process npm = new ProcessBuilder("npm", "install", "--no-package-lock", "--no-audit", "--no-fund")
                .directory(target.toFile()).redirectErrorStream(true)
                .redirectOutput(target.resolve("npm-install.log").toFile()).start();
        assertThat(npm.waitFor(5, TimeUnit.MINUTES)).as("npm install within 5 minutes").isTrue();
        assertThat(npm.exitValue()).as("npm install; see " + target.resolve("npm-install.log")).isZero();
        INSTALLED.add(name);
        return target;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
