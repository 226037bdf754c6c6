package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.yaml.snakeyaml.Yaml;

/**
 * An overlay of k8s/ as {@code kubectl kustomize} renders it (offline), from a copy of the tree
 * without any secrets/ directory, so that files a developer keeps there never reach a test.
 * {@link #render} first writes stand-ins for the files the overlay's secretGenerator reads.
 */
record Kustomized(List<Map<String, Object>> objects) {

    static final Path K8S = Path.of("k8s");

    /** What each secret file the overlays read holds in a test, by file name. */
    static final Map<String, String> STAND_INS = Map.of(
            "ledger-signing-key.pem", "stand-in signing key\n",
            "db-owner.env", "password=stand-in-owner-password\n",
            "db-app.env", "password=stand-in-app-password\n",
            "backup.env", "ACCESS_KEY_ID=stand-in-key-id\nACCESS_SECRET_KEY=stand-in-secret\n");

    record Run(int exitCode, String output) {
    }

    static boolean kubectlInstalled() {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator)).anyMatch(d -> new File(d, "kubectl").canExecute());
    }

    /** The overlay rendered with a stand-in for each secret file its generators read. */
    @SuppressWarnings("unchecked")
    static Kustomized render(String overlay) throws IOException, InterruptedException {
        Path copy = copyWithoutSecrets();
        try {
            for (String file : secretFiles(overlay)) {
                Path target = copy.resolve("overlays").resolve(overlay).resolve(file);
                String standIn = STAND_INS.get(target.getFileName().toString());
                assertThat(standIn).as("a stand-in for " + file).isNotNull();
                Files.createDirectories(target.getParent());
                Files.writeString(target, standIn);
            }
            Run run = kustomize(copy.resolve("overlays").resolve(overlay));
            assertThat(run.exitCode()).as(run.output()).isZero();
            List<Map<String, Object>> objects = new ArrayList<>();
            new Yaml().loadAll(run.output()).forEach(o -> objects.add((Map<String, Object>) o));
            return new Kustomized(objects);
        } finally {
            deleteTree(copy);
        }
    }

    /** The overlay as committed: no secret file at all. */
    static Run renderAsCommitted(String overlay) throws IOException, InterruptedException {
        Path copy = copyWithoutSecrets();
        try {
            return kustomize(copy.resolve("overlays").resolve(overlay));
        } finally {
            deleteTree(copy);
        }
    }

    /** The paths (relative to the overlay) of the files its secretGenerator reads. */
    @SuppressWarnings("unchecked")
    static List<String> secretFiles(String overlay) throws IOException {
        Map<String, Object> kustomization;
        try (Reader reader = Files.newBufferedReader(K8S.resolve("overlays").resolve(overlay).resolve("kustomization.yaml"))) {
            kustomization = new Yaml().load(reader);
        }
        List<String> files = new ArrayList<>();
        for (Map<String, Object> generator : (List<Map<String, Object>>) kustomization.getOrDefault("secretGenerator", List.of())) {
            for (String entry : (List<String>) generator.getOrDefault("files", List.of())) {
                files.add(entry.substring(entry.indexOf('=') + 1));
            }
            files.addAll((List<String>) generator.getOrDefault("envs", List.of()));
        }
        return files;
    }

    Map<String, Object> get(String kind, String name) {
        return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    List<Map<String, Object>> all(String kind) {
        return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
    }

    /** The service's workload, whichever kind it is. */
    Map<String, Object> workload() {
        return objects.stream().filter(o -> List.of("Deployment", "StatefulSet").contains(o.get("kind")))
                .filter(o -> "consent-ledger".equals(at(o, "metadata", "name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no workload consent-ledger"));
    }

    Map<String, Object> container() {
        return at(workload(), "spec", "template", "spec", "containers", 0);
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, Object... path) {
        Object current = node;
        for (Object step : path) {
            current = step instanceof Integer i ? ((List<Object>) current).get(i) : ((Map<String, Object>) current).get(step);
            if (current == null) {
                return null;
            }
        }
        return (T) current;
    }

    private static Run kustomize(Path dir) throws IOException, InterruptedException {
        Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
        String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(kubectl.exitValue(), out);
    }

    private static Path copyWithoutSecrets() throws IOException {
        Path copy = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "k8s");
        try (Stream<Path> paths = Files.walk(K8S)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = K8S.relativize(path);
                if (Stream.of(relative.toString().split("/")).anyMatch("secrets"::equals)) {
                    continue;
                }
                Path target = copy.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        return copy;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
