package org.consentledger.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One reading of /q/metrics (the Prometheus text format), to compare before and after. */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern HELP = Pattern.compile("^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$");
    private static final Pattern TYPE = Pattern.compile("^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) .*$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final java.util.List<Sample> samples = new java.util.ArrayList<>();
    private final Map<String, String> help = new LinkedHashMap<>();
    private final java.util.Set<String> families = new java.util.TreeSet<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
            Matcher h = HELP.matcher(line);
            if (h.matches()) {
                help.put(h.group(1), h.group(2).trim());
            }
            Matcher t = TYPE.matcher(line);
            if (t.matches()) {
                families.add(t.group(1));
            }
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(3) != null) {
                Matcher l = LABEL.matcher(m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(4))));
        }
    }

    public static Scrape now() {
        return new Scrape(given().get("/q/metrics").then().statusCode(200).extract().asString());
    }

    /** The sum over every series of that name whose labels include these (0 when there is none). */
    public double sum(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s.labels(), labels)).mapToDouble(Sample::value).sum();
    }

    /** The one series of that name with these labels; fails when there is none. */
    public double value(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s.labels(), labels)).mapToDouble(Sample::value)
                .reduce((a, b) -> {
                    throw new AssertionError("more than one series " + name);
                }).orElseThrow(() -> new AssertionError("no series " + name + " " + String.join(",", labels)));
    }

    /** The families (from their TYPE lines) whose name starts so. */
    public java.util.Set<String> families(String prefix) {
        return families.stream().filter(f -> f.startsWith(prefix)).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }

    /** The family's HELP text, trimmed; empty when it has no HELP line. */
    public String help(String family) {
        return help.getOrDefault(family, "");
    }

    /** The label sets of every series of that name, one string each. */
    public java.util.Set<String> series(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).map(s -> s.labels().toString())
                .collect(java.util.stream.Collectors.toSet());
    }

    public boolean hasSeriesStartingWith(String prefix) {
        return samples.stream().anyMatch(s -> s.name().startsWith(prefix));
    }

    private static boolean has(Map<String, String> actual, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(actual.get(labels[i]))) {
                return false;
            }
        }
        return true;
    }
}
