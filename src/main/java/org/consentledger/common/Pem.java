package org.consentledger.common;

import java.util.Base64;

public final class Pem {

    private Pem() {
    }

    /** DER bytes as a PEM block, e.g. type "PUBLIC KEY". */
    public static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
