package dev.moviola.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** An address range such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
record Cidr(byte[] network, int bits) {

    /** Parses {@code address/bits} (or a bare address: a range of one); null when it is not one. */
    static Cidr parse(String text) {
        String[] parts = text.trim().split("/", 2);
        byte[] address = Addresses.literal(parts[0]);
        if (address == null) {
            return null;
        }
        int bits = address.length * 8;
        if (parts.length == 2) {
            try {
                bits = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (bits < 0 || bits > address.length * 8) {
                return null;
            }
        }
        return new Cidr(address, bits);
    }

    static Cidr of(String text) {
        Cidr c = parse(text);
        if (c == null) {
            throw new IllegalArgumentException("not an address range: " + text);
        }
        return c;
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + bits;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && c.bits == bits && Arrays.equals(c.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }
}
