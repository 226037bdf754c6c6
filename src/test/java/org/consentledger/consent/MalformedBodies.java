package org.consentledger.consent;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.consentledger.consent.InvalidEventBodies.Body;

/** Bodies broken beyond a bad field: not an event, not JSON, not UTF-8; batches broken as a whole. */
final class MalformedBodies {

    private MalformedBodies() {
    }

    /** A batch whose every item is one of the given bodies. */
    static Body batchOf(List<Body> items) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        json.writeBytes("{\"events\":[".getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < items.size(); i++) {
            json.writeBytes(i == 0 ? new byte[0] : new byte[] { ',' });
            json.writeBytes(items.get(i).json());
        }
        json.writeBytes("]}".getBytes(StandardCharsets.UTF_8));
        return new Body(items.stream().map(Body::mutations).collect(Collectors.joining(" | ", "batch of [", "]")),
                json.toByteArray());
    }

    /** Not an event at all: not an object, not JSON, not UTF-8, duplicated or trailing tokens. */
    static Body notAnEvent(Random random) {
        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"visitorId\":\"" + UUID.randomUUID()
                + "\",\"type\":\"NOTICE_SHOWN\"";
        return pick(random,
                new Body("array", "[]".getBytes(StandardCharsets.UTF_8)),
                new Body("string", "\"event\"".getBytes(StandardCharsets.UTF_8)),
                new Body("number", "42".getBytes(StandardCharsets.UTF_8)),
                new Body("null", "null".getBytes(StandardCharsets.UTF_8)),
                new Body("empty object", "{}".getBytes(StandardCharsets.UTF_8)),
                new Body("truncated", (event + ",").getBytes(StandardCharsets.UTF_8)),
                new Body("trailing tokens", (event + "}}").getBytes(StandardCharsets.UTF_8)),
                new Body("trailing object", (event + "}{}").getBytes(StandardCharsets.UTF_8)),
                new Body("duplicate eventId", (event + ",\"eventId\":\"" + UUID.randomUUID() + "\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                new Body("raw NUL in a string", (event + ",\"pageUrl\":\"https://www.example.com/\u0000\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                new Body("invalid UTF-8", concat(event + ",\"pageUrl\":\"https://www.example.com/", new byte[] {
                        (byte) 0xC3, 0x28 }, "\"}")),
                new Body("overlong UTF-8", concat(event + ",\"language\":\"", new byte[] { (byte) 0xC0, (byte) 0xAF },
                        "\"}")),
                new Body("UTF-8 encoded surrogate", concat(event + ",\"pageUrl\":\"https://www.example.com/", new byte[] {
                        (byte) 0xED, (byte) 0xA0, (byte) 0x80 }, "\"}")),
                new Body("a lone 0xFF byte", concat(event + ",\"language\":\"", new byte[] { (byte) 0xFF }, "\"}")));
    }

    /** A batch that is invalid as a whole, or whose items (an event without visitorId, a null) all are. */
    static Body brokenBatch(Random random) {
        String event = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"type\":\"NOTICE_SHOWN\"}";
        return pick(random,
                new Body("no events", "{}".getBytes(StandardCharsets.UTF_8)),
                new Body("events null", "{\"events\":null}".getBytes(StandardCharsets.UTF_8)),
                new Body("events empty", "{\"events\":[]}".getBytes(StandardCharsets.UTF_8)),
                new Body("events not a list", ("{\"events\":" + event + "}").getBytes(StandardCharsets.UTF_8)),
                new Body("101 events", ("{\"events\":[" + IntStream.range(0, 101).mapToObj(i -> event)
                        .collect(Collectors.joining(",")) + "]}").getBytes(StandardCharsets.UTF_8)),
                new Body("a null event", ("{\"events\":[" + event + ",null]}").getBytes(StandardCharsets.UTF_8)),
                new Body("unknown batch field", ("{\"events\":[" + event + "],\"force\":true}")
                        .getBytes(StandardCharsets.UTF_8)),
                new Body("batch is an array", ("[" + event + "]").getBytes(StandardCharsets.UTF_8)));
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] head = before.getBytes(StandardCharsets.UTF_8);
        byte[] tail = after.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + middle.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(middle, 0, all, head.length, middle.length);
        System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
        return all;
    }
}
