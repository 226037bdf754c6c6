package org.consentledger.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * .dockerignore as the Docker engine reads it: patterns in order, the last one that matches a path
 * or one of its parent directories decides, '!' re-includes, '*' stays within a path segment and
 * '**' spans any number of them.
 */
record DockerIgnore(List<String> patterns) {

    static DockerIgnore read() throws IOException {
        return new DockerIgnore(Files.readAllLines(Path.of(".dockerignore")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList());
    }

    boolean sends(String path) {
        boolean sent = true;
        for (String pattern : patterns) {
            boolean exception = pattern.startsWith("!");
            Pattern glob = glob((exception ? pattern.substring(1) : pattern).replaceAll("/+$", ""));
            if (matchesOrParentMatches(glob, path)) {
                sent = exception;
            }
        }
        return sent;
    }

    private static boolean matchesOrParentMatches(Pattern glob, String path) {
        String candidate = path;
        while (true) {
            if (glob.matcher(candidate).matches()) {
                return true;
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                    regex.append("/?");
                    i++;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
