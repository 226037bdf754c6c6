package org.consentledger.verify;

/** The verifier's answer: clean, or the first problem found and the record it concerns. */
public record Verdict(boolean clean, String message, Long badSeq) {

    public static Verdict ok(String message) {
        return new Verdict(true, message, null);
    }

    public static Verdict bad(Long seq, String message) {
        return new Verdict(false, seq == null ? message : "record seq " + seq + ": " + message, seq);
    }

    static final class Failure extends RuntimeException {
        final Verdict verdict;

        Failure(Long seq, String message) {
            super(message, null, false, false);
            this.verdict = bad(seq, message);
        }
    }
}
