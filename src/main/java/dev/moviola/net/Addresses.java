package dev.moviola.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * IP literals and the ranges the server never connects to (docs/security.md#addresses-the-server-connects-to): loopback, private, shared (CGNAT),
 * link-local (where cloud metadata lives), multicast, unspecified, documentation and reserved ranges, for IPv4
 * and IPv6 — and IPv4 addresses written in IPv6 form (mapped, compatible, NAT64, 6to4) by the IPv4 address
 * inside them.
 */
final class Addresses {
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** A last label that makes a host a number to some parser (DNS names never end in an all-numeric label). */
    private static final Pattern NUMERIC_LAST_LABEL = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)");

    private static final Map<Cidr, String> V4 = new LinkedHashMap<>();
    private static final Map<Cidr, String> V6 = new LinkedHashMap<>();

    static {
        V4.put(Cidr.of("0.0.0.0/8"), "unspecified (\"this network\")");
        V4.put(Cidr.of("10.0.0.0/8"), "private");
        V4.put(Cidr.of("100.64.0.0/10"), "shared (carrier-grade NAT)");
        V4.put(Cidr.of("127.0.0.0/8"), "loopback");
        V4.put(Cidr.of("169.254.0.0/16"), "link-local (cloud metadata)");
        V4.put(Cidr.of("172.16.0.0/12"), "private");
        V4.put(Cidr.of("192.0.0.0/24"), "reserved (IETF protocol assignments)");
        V4.put(Cidr.of("192.0.2.0/24"), "documentation");
        V4.put(Cidr.of("192.88.99.0/24"), "reserved (6to4 relay)");
        V4.put(Cidr.of("192.168.0.0/16"), "private");
        V4.put(Cidr.of("198.18.0.0/15"), "reserved (benchmarking)");
        V4.put(Cidr.of("198.51.100.0/24"), "documentation");
        V4.put(Cidr.of("203.0.113.0/24"), "documentation");
        V4.put(Cidr.of("224.0.0.0/4"), "multicast");
        V4.put(Cidr.of("240.0.0.0/4"), "reserved (and broadcast)");
        V6.put(Cidr.of("::/128"), "unspecified");
        V6.put(Cidr.of("::1/128"), "loopback");
        V6.put(Cidr.of("64:ff9b:1::/48"), "reserved (local NAT64)");
        V6.put(Cidr.of("100::/64"), "reserved (discard)");
        V6.put(Cidr.of("2001::/23"), "reserved (IETF protocol assignments, Teredo)");
        V6.put(Cidr.of("2001:db8::/32"), "documentation");
        V6.put(Cidr.of("fc00::/7"), "private (unique local)");
        V6.put(Cidr.of("fe80::/10"), "link-local");
        V6.put(Cidr.of("fec0::/10"), "site-local");
        V6.put(Cidr.of("ff00::/8"), "multicast");
    }

    private static final Cidr MAPPED = Cidr.of("::ffff:0:0/96");
    private static final Cidr COMPATIBLE = Cidr.of("::/96");
    private static final Cidr NAT64 = Cidr.of("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.of("2002::/16");

    private Addresses() {
    }

    /**
     * The bytes of an IP literal in a canonical form — four decimal numbers without leading zeros, or IPv6 (in
     * brackets or not) — else null. Other spellings of numbers (octal, hex, fewer parts) are not literals here.
     */
    static byte[] literal(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (DOTTED_QUAD.matcher(h).matches()) {
            byte[] b = new byte[4];
            String[] parts = h.split("\\.");
            for (int i = 0; i < 4; i++) {
                b[i] = (byte) Integer.parseInt(parts[i]);
            }
            return b;
        }
        if (h.contains(":") && h.matches("[0-9a-fA-F:.]+")) {
            try {
                byte[] a = InetAddress.getByName("[" + h + "]").getAddress(); // a literal: no lookup is made
                if (a.length == 4) { // Java turns ::ffff:a.b.c.d into a.b.c.d: keep it IPv6, as written
                    byte[] mapped = new byte[16];
                    mapped[10] = (byte) 0xff;
                    mapped[11] = (byte) 0xff;
                    System.arraycopy(a, 0, mapped, 12, 4);
                    return mapped;
                }
                return a;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** Whether some parser would read the host as a number (2130706433, 0x7f.1, 0177.0.0.1, 127.1). */
    static boolean numeric(String host) {
        String[] labels = host.split("\\.");
        return labels.length > 0 && NUMERIC_LAST_LABEL.matcher(labels[labels.length - 1]).matches();
    }

    /** What kind of non-public address this is, or null for a public one. */
    static String forbidden(byte[] a) {
        Map<Cidr, String> table = a.length == 4 ? V4 : V6;
        for (Map.Entry<Cidr, String> e : table.entrySet()) {
            if (e.getKey().contains(a)) {
                return e.getValue();
            }
        }
        if (a.length == 16) {
            byte[] inside = null;
            if (MAPPED.contains(a) || COMPATIBLE.contains(a) || NAT64.contains(a)) {
                inside = Arrays.copyOfRange(a, 12, 16);
            } else if (SIX_TO_FOUR.contains(a)) {
                inside = Arrays.copyOfRange(a, 2, 6);
            }
            if (inside != null) {
                String v4 = forbidden(inside);
                return v4 == null ? null : v4 + " IPv4 address in IPv6 form";
            }
        }
        return null;
    }
}
