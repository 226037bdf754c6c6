package org.consentledger.witness;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of a tlog-witness add-checkpoint request: {@code old <size>}, up to 63 base64
 * consistency proof hashes, one per line, an empty line, then the signed checkpoint note.
 */
record WitnessRequest(long oldSize, List<byte[]> proof, String note) {

    private static final Pattern OLD = Pattern.compile("old (0|[1-9][0-9]{0,17})");
    private static final int MAX_PROOF = 63;

    /** @throws IllegalArgumentException saying what is malformed */
    static WitnessRequest parse(String body) {
        int end = body.indexOf("\n\n");
        if (end < 0) {
            throw new IllegalArgumentException("the request needs an old size line, proof lines, an empty line and a checkpoint");
        }
        String[] lines = body.substring(0, end).split("\n", -1);
        if (!OLD.matcher(lines[0]).matches()) {
            throw new IllegalArgumentException("the first line must be \"old <size>\" in decimal");
        }
        if (lines.length - 1 > MAX_PROOF) {
            throw new IllegalArgumentException("a consistency proof has at most " + MAX_PROOF + " hashes");
        }
        List<byte[]> proof = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            proof.add(hash(lines[i]));
        }
        return new WitnessRequest(Long.parseLong(lines[0].substring(4)), proof, body.substring(end + 2));
    }

    private static byte[] hash(String line) {
        try {
            byte[] hash = Base64.getDecoder().decode(line);
            if (hash.length == 32) {
                return hash;
            }
        } catch (IllegalArgumentException e) {
            // reported below, with the same words as a hash of the wrong length
        }
        throw new IllegalArgumentException("each proof line must be one base64 SHA-256 hash");
    }
}
