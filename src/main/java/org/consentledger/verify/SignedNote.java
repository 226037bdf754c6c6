package org.consentledger.verify;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP signed note taken apart: the text (ending in a newline) and its signature lines
 * {@code — <key name> <base64(4-byte key id || signature)>}. Nothing is verified here; a line
 * is only as good as the key that checks it.
 */
record SignedNote(String body, List<Line> signatures) {

    static final String SIGNATURE_PREFIX = "\u2014 ";

    record Line(String keyName, byte[] keyIdAndSignature) {
    }

    static SignedNote parse(String note) {
        int split = note.indexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("checkpoint: no signature block");
        }
        List<Line> lines = new ArrayList<>();
        for (String line : note.substring(split + 2).split("\n")) {
            if (!line.startsWith(SIGNATURE_PREFIX)) {
                continue;
            }
            String[] parts = line.substring(SIGNATURE_PREFIX.length()).split(" ");
            try {
                if (parts.length == 2) {
                    lines.add(new Line(parts[0], Base64.getDecoder().decode(parts[1])));
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // fall through: a line that is not name and base64 makes the whole note malformed
            }
            throw new IllegalArgumentException("checkpoint: malformed signature line");
        }
        return new SignedNote(note.substring(0, split + 1), lines);
    }

    static String line(String keyName, byte[] keyIdAndSignature) {
        return SIGNATURE_PREFIX + keyName + " " + Base64.getEncoder().encodeToString(keyIdAndSignature) + "\n";
    }
}
