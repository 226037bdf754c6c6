package org.consentledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The shell examples of the README and docs/ run as printed, in order: every variable they read
 * was set by an earlier command, every file they read was written by one, and the curl walk-through
 * needs no restart of the service that the README's first command started.
 */
class ReadmeExamplesTest {

    private static final Pattern BASH_BLOCK = Pattern.compile("```bash\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ASSIGNMENT = Pattern.compile("(?:^|[\\s;&(])([A-Z_][A-Z0-9_]*)=|\\bfor ([A-Z_][A-Z0-9_]*) in",
            Pattern.MULTILINE);
    /** Names a loop writes to a file that a later block sources: {@code for v in A B; do echo "$v=..."; done > .env}. */
    private static final Pattern NAMES_LOOPED_OVER = Pattern.compile("\\bfor [a-z]+ in ([A-Z0-9_\\s\\\\]+);");
    private static final Pattern READ_INPUT = Pattern.compile("\\bread [^;\\n]*?([A-Z_][A-Z0-9_]*)\\s*(?:;|$)", Pattern.MULTILINE);
    private static final Pattern READ_VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");
    private static final Pattern WRITTEN_FILE = Pattern.compile(">\\s*([\\w./-]+)");
    private static final Pattern READ_FILE = Pattern.compile(
            "(?:@|--(?:export|evidence|older-checkpoint|consistency-proof|key)\\s+)([\\w.-]+\\.(?:json|ndjson|txt))");
    /** Set by the shell or the machine, not by an example. */
    private static final Set<String> ENVIRONMENT = Set.of("HOME", "PATH", "PWD", "USER");

    @Test
    void everyVariableAnExampleReadsIsSetByAnEarlierCommand() throws IOException {
        for (Path document : documents()) {
            Set<String> set = new HashSet<>(ENVIRONMENT);
            List<String> unset = new ArrayList<>();
            for (String block : bashBlocks(document)) {
                ASSIGNMENT.matcher(block).results().forEach(m -> set.add(m.group(1) != null ? m.group(1) : m.group(2)));
                READ_INPUT.matcher(block).results().forEach(m -> set.add(m.group(1)));
                NAMES_LOOPED_OVER.matcher(block).results().forEach(m -> set.addAll(List.of(m.group(1).split("[\\s\\\\]+"))));
                READ_VARIABLE.matcher(block).results().map(m -> m.group(1)).filter(name -> !set.contains(name))
                        .forEach(unset::add);
            }
            assertThat(unset).as("variables %s reads before any command sets them", document).isEmpty();
        }
    }

    @Test
    void everyFileAnExampleReadsIsWrittenByAnEarlierCommand() throws IOException {
        for (Path document : documents()) {
            Set<String> written = new HashSet<>();
            List<String> missing = new ArrayList<>();
            for (String block : bashBlocks(document)) {
                WRITTEN_FILE.matcher(block).results().forEach(m -> written.add(m.group(1)));
                READ_FILE.matcher(block).results().map(m -> m.group(1)).filter(file -> !written.contains(file))
                        .forEach(missing::add);
            }
            assertThat(missing).as("files %s reads before any command writes them", document).isEmpty();
        }
    }

    @Test
    void theCurlWalkThroughSendsTheCountryUnderTheHeaderTheLocalProfileReads() throws IOException {
        String localHeader = localProfile().getProperty("%local.consent.geo.country-header");
        String walkThrough = section(Files.readString(Path.of("README.md")), "## A walk through with curl");
        Matcher countries = Pattern.compile("-H '([A-Za-z-]+): [A-Z]{2}'").matcher(walkThrough);
        List<String> headers = new ArrayList<>();
        while (countries.find()) {
            headers.add(countries.group(1));
        }
        assertThat(headers).as("country headers of the walk-through").isNotEmpty().containsOnly(localHeader);
        assertThat(walkThrough).doesNotContainIgnoringCase("restart").doesNotContain("start the service\nwith");
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    private static List<String> bashBlocks(Path document) throws IOException {
        return BASH_BLOCK.matcher(Files.readString(document)).results().map(m -> m.group(1)).toList();
    }

    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as(heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static Properties localProfile() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        return properties;
    }
}
