package org.consentledger.edge;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxies in front of the service (CDN, load balancer) whose word is believed: the addresses
 * they add to X-Forwarded-For (or Forwarded) and the country header they set. Entries are IP addresses or CIDR
 * ranges ("10.0.0.0/8", "2001:db8::/32"); names are never resolved.
 */
public final class TrustedProxies {

    private record Range(byte[] network, int bits) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (network[whole] & mask);
        }
    }

    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses the configured entries; an entry that is neither an address nor a CIDR range is refused. */
    public static TrustedProxies of(List<String> entries) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : entries) {
            String value = entry.trim();
            if (value.isEmpty()) {
                continue;
            }
            int slash = value.indexOf('/');
            InetAddress address = ClientAddresses.parse(slash < 0 ? value : value.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("Not an IP address or CIDR range: " + value);
            }
            int maxBits = address.getAddress().length * 8;
            int bits = maxBits;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(value.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > maxBits) {
                    throw new IllegalArgumentException("Not an IP address or CIDR range: " + value);
                }
            }
            ranges.add(new Range(address.getAddress(), bits));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    public boolean contains(InetAddress address) {
        if (address == null) {
            return false;
        }
        byte[] bytes = address.getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }
}
