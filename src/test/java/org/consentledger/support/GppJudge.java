package org.consentledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * GPP strings as the IAB's own library, @iabgpp/cmpapi, reads them: src/test/node/gpp-judge run by
 * Node.js, installed by {@link NodePackage} (without node or npm the test is skipped). Each answer
 * is the JSON judge.js prints: {@code string}, {@code sectionIds}, {@code sections} (name to
 * fields) and {@code canonical}, the string the library itself makes of those fields; or
 * {@code string} and {@code error}.
 */
public final class GppJudge {

    private static final Path BANNER = Path.of("src/main/resources/banner/v1/banner.js");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private GppJudge() {
    }

    /** The library's reading of one GPP string. */
    public static Map<String, Object> decode(String gppString) throws Exception {
        return decodeAll(List.of(gppString)).get(0);
    }

    /** The library's reading of each string, in order. */
    public static List<Map<String, Object>> decodeAll(List<String> gppStrings) throws Exception {
        return run(List.of("judge.js"), gppStrings);
    }

    /**
     * The GPP encoder of banner.js (its text between the "gpp encoder" markers) run on each case,
     * {@code {gpp, optedOut, gpc}}, and what it made judged: one {@code {case, made, judged}} per case.
     */
    public static List<Map<String, Object>> encodeAndJudge(List<Map<String, Object>> cases) throws Exception {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> c : cases) {
            lines.add(JSON.writeValueAsString(c));
        }
        return run(List.of("encode-and-judge.js", BANNER.toAbsolutePath().toString()), lines);
    }

    private static List<Map<String, Object>> run(List<String> script, List<String> input) throws Exception {
        Path installed = NodePackage.install("gpp-judge");
        List<String> command = new ArrayList<>(List.of("node"));
        command.addAll(script);
        Path stderr = installed.resolve("stderr.log");
        Process node = new ProcessBuilder(command).directory(installed.toFile())
                .redirectError(stderr.toFile()).start();
        try (OutputStream in = node.getOutputStream()) {
            in.write((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).as("node %s within 30 s", script).isTrue();
        assertThat(node.exitValue()).as("node %s; its errors: %s", script, Files.readString(stderr)).isZero();
        List<Map<String, Object>> answers = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank()) {
                answers.add(JSON.readValue(line, OBJECT));
            }
        }
        assertThat(answers).as("one answer per line given").hasSize(input.size());
        return answers;
    }
}
