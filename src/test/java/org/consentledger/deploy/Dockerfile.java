package org.consentledger.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/** docker/Dockerfile.jvm read as its instructions: continuation lines joined, comments dropped. */
record Dockerfile(List<Instruction> instructions) {

    static final Path PATH = Path.of("docker", "Dockerfile.jvm");

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read() throws IOException {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : Files.readAllLines(PATH)) {
            String trimmed = line.trim();
            if (pending.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            pending.append(trimmed);
            String text = pending.toString().trim();
            pending.setLength(0);
            int space = text.indexOf(' ');
            if (space < 0) {
                throw new IllegalStateException("An instruction without arguments: " + text);
            }
            instructions.add(new Instruction(text.substring(0, space), text.substring(space + 1).trim()));
        }
        if (pending.length() > 0) {
            throw new IllegalStateException("The last line continues into nothing");
        }
        return new Dockerfile(instructions);
    }

    List<String> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
    }

    String only(String keyword) {
        List<String> found = all(keyword);
        if (found.size() != 1) {
            throw new IllegalStateException("Expected one " + keyword + ", found " + found);
        }
        return found.get(0);
    }

    /** ENV NAME=value pairs (values unquoted). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S*)");
        for (String arguments : all("ENV")) {
            Matcher m = pair.matcher(arguments);
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }

    /** The exec form of ENTRYPOINT. */
    List<String> entrypoint() throws IOException {
        return new ObjectMapper().readValue(only("ENTRYPOINT"), new TypeReference<List<String>>() {
        });
    }

    /** The exec form after HEALTHCHECK's options and CMD. */
    List<String> healthcheck() throws IOException {
        String arguments = only("HEALTHCHECK");
        return new ObjectMapper().readValue(arguments.substring(arguments.indexOf("CMD ") + 4), new TypeReference<List<String>>() {
        });
    }

    /** COPY's sources and destination, without --options. */
    List<List<String>> copies() {
        return all("COPY").stream()
                .map(a -> List.of(a.split("\\s+")).stream().filter(word -> !word.startsWith("--")).toList()).toList();
    }
}
