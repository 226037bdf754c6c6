package org.consentledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The README and docs/ stay readable: every relative link leads to a file of this repository, the
 * README is short enough to read (the reference lives in docs/), and every file in docs/ starts
 * with a table of contents of its sections.
 */
class DocumentLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern TOC_ENTRY = Pattern.compile("^( *)- \\[(.+)\\]\\(#([^)]+)\\)$");
    private static final int README_MAX_LINES = 300;

    @Test
    void everyRelativeLinkInTheReadmeAndDocsResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : documents()) {
            LINK.matcher(Files.readString(document)).results().map(m -> m.group(1))
                    .filter(target -> !target.matches("^(https?:|mailto:|#).*"))
                    .filter(target -> !Files.exists(document.resolveSibling(target.replaceFirst("#.*", "")).normalize()))
                    .forEach(target -> broken.add(document + " -> " + target));
        }
        assertThat(broken).as("links to no file").isEmpty();
    }

    @Test
    void theReadmeIsAtMostThreeHundredLines() throws IOException {
        assertThat(Files.readAllLines(Path.of("README.md")).size()).as("lines of README.md, whose reference belongs in docs/")
                .isLessThanOrEqualTo(README_MAX_LINES);
    }

    @Test
    void everyDocStartsWithATableOfContentsOfItsSections() throws IOException {
        for (Path document : documents().subList(1, documents().size())) {
            List<String> lines = Files.readAllLines(document);
            assertThat(lines.get(0)).as("%s starts with its title", document).startsWith("# ");
            List<String> listed = new ArrayList<>();
            List<String> subsections = headingsOutsideCode(lines, "### ");
            for (String line : lines.subList(1, lines.size()).stream().dropWhile(String::isBlank)
                    .takeWhile(line -> line.matches(" *- .*")).toList()) {
                Matcher entry = TOC_ENTRY.matcher(line);
                assertThat(entry.matches()).as("%s: a table of contents entry links to a section: %s", document, line).isTrue();
                assertThat(entry.group(3)).as("%s: the anchor of '%s'", document, entry.group(2)).isEqualTo(anchor(entry.group(2)));
                if (entry.group(1).isEmpty()) {
                    listed.add(entry.group(2));
                } else {
                    assertThat(subsections).as("%s: the ### sections", document).contains(entry.group(2));
                }
            }
            List<String> sections = headingsOutsideCode(lines, "## ");
            assertThat(listed).as("%s: the table of contents right after the title lists every ## section, in order", document)
                    .isNotEmpty().isEqualTo(sections);
        }
    }

    private static List<String> headingsOutsideCode(List<String> lines, String level) {
        List<String> headings = new ArrayList<>();
        boolean inCode = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inCode = !inCode;
            } else if (!inCode && line.startsWith(level)) {
                headings.add(line.substring(level.length()));
            }
        }
        return headings;
    }

    /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
    private static String anchor(String heading) {
        return heading.replace("`", "").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}_\\- ]", "").replace(' ', '-');
    }

    private static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }
}
