package org.consentledger.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses a webhook may never reach, against server-side request forgery: loopback,
 * private (RFC 1918, fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10),
 * shared CGNAT (100.64/10), unspecified, multicast, and IPv4 written inside IPv6 (mapped,
 * compatible, NAT64 and 6to4) whose IPv4 is one of these.
 */
final class AddressRules {

    private AddressRules() {
    }

    static boolean isForbidden(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return forbiddenV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return true; // unique local fc00::/7
            }
            if (isZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                return forbiddenV4(slice(b, 12)); // ::ffff:a.b.c.d
            }
            if (isZero(b, 0, 12)) {
                return true; // ::a.b.c.d, deprecated: never a public receiver
            }
            if (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
                return forbiddenV4(slice(b, 12)); // NAT64 64:ff9b::/96
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                return forbiddenV4(new byte[] {b[2], b[3], b[4], b[5]}); // 6to4 2002::/16
            }
        }
        return false;
    }

    private static boolean forbiddenV4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0 // "this network", 0.0.0.0/8
                || first == 10 || first == 127
                || (first == 100 && (second & 0xc0) == 64) // CGNAT 100.64/10
                || (first == 169 && second == 254)
                || (first == 172 && (second & 0xf0) == 16)
                || (first == 192 && second == 168)
                || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF 192.0.0/24
                || (first == 198 && (second & 0xfe) == 18) // benchmarking 198.18/15
                || first >= 224; // multicast, reserved, broadcast
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static byte[] slice(byte[] b, int from) {
        return new byte[] {b[from], b[from + 1], b[from + 2], b[from + 3]};
    }
}
