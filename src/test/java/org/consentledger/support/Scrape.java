package org.consentledger.support;

import static io.restassured.RestAssured.given;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One reading of /q/metrics (the Prometheus text format), to compare before and after. */
public final class Scrape {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private record Sample(String name, Map<String, String> labels, double value) {
    }

    private final java.util.List<Sample> samples = new java.util.ArrayList<>();

    private Scrape(String text) {
        for (String line : text.split("\n")) {
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
