package dev.moviola.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which hosts the server may connect to (docs/security.md#addresses-the-server-connects-to). {@link #open} (the CLI: its user is the operator) connects
 * anywhere. {@link #publicOnly} connects only to public addresses: a name is resolved once, and refused when any
 * of its addresses is loopback, private, link-local, multicast or otherwise not public; the addresses returned
 * are the ones the connection then uses (no second lookup, so DNS rebinding gains nothing). Numbers spelt other
 * than as four decimal parts ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}) and {@code localhost}
 * names are refused outright. The operator's allow-list names hosts (any address they resolve to is then fine)
 * or ranges ({@code 10.1.0.0/16}). Immutable.
 */
public final class AddressPolicy {
    private final boolean restricted;
    private final Set<String> hosts;
    private final List<Cidr> ranges;
    private final Resolver resolver;

    private AddressPolicy(boolean restricted, Set<String> hosts, List<Cidr> ranges, Resolver resolver) {
        this.restricted = restricted;
        this.hosts = Set.copyOf(hosts);
        this.ranges = List.copyOf(ranges);
        this.resolver = resolver;
    }

    public static AddressPolicy open(Resolver resolver) {
        return new AddressPolicy(false, Set.of(), List.of(), resolver);
    }

    /**
     * @param allow host names and address ranges ({@code 10.1.0.0/16}, {@code fd00::/8}, {@code 192.168.1.20})
     *              the operator allows although they are not public
     */
    public static AddressPolicy publicOnly(List<String> allow, Resolver resolver) {
        Set<String> hosts = new TreeSet<>();
        List<Cidr> ranges = new ArrayList<>();
        for (String a : allow) {
            if (a.isBlank()) {
                continue;
            }
            Cidr range = Cidr.parse(a.trim());
            if (range != null) {
                ranges.add(range);
            } else if (a.trim().matches("[A-Za-z0-9.-]+\\.?")) {
                hosts.add(name(a));
            } else {
                throw new IllegalArgumentException("fetch-allow: \"" + a + "\" is neither a host name nor an address range"
                        + " such as 10.1.0.0/16");
            }
        }
        return new AddressPolicy(true, hosts, ranges, resolver);
    }

    public boolean restricted() {
        return restricted;
    }

    /**
     * The addresses to connect to for {@code host}, all of them allowed.
     *
     * @throws Refused when the host or one of its addresses is not allowed (the message says why and what to do)
     */
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return check(host, true);
    }

    /**
     * Refuses what can be refused without a lookup: {@code localhost} names, numbers in other spellings, and
     * address literals outside the allowed ranges. A name's addresses are checked when the connection resolves it.
     */
    public void precheck(String host) throws UnknownHostException {
        check(host, false);
    }

    private InetAddress[] check(String host, boolean lookUp) throws UnknownHostException {
        String name = name(host);
        if (!restricted || hosts.contains(name)) {
            return lookUp ? resolver.resolve(name) : null;
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            throw new Refused(host + " is this machine (loopback)" + HOW);
        }
        byte[] literal = Addresses.literal(name);
        InetAddress[] addresses;
        if (literal != null) {
            addresses = new InetAddress[] {InetAddress.getByAddress(literal)};
        } else if (Addresses.numeric(name)) {
            throw new Refused(host + " is not an address written as four decimal numbers (such as 93.184.216.34);"
                    + " other spellings of addresses are refused");
        } else if (lookUp) {
            addresses = resolver.resolve(name);
        } else {
            return null;
        }
        for (InetAddress a : addresses) {
            String kind = Addresses.forbidden(a.getAddress());
            if (kind != null && ranges.stream().noneMatch(r -> r.contains(a.getAddress()))) {
                throw new Refused((literal != null ? a.getHostAddress() + " is a " + kind + " address"
                        : host + " resolves to " + a.getHostAddress() + ", a " + kind + " address") + HOW);
            }
        }
        return addresses;
    }

    private static final String HOW = "; the server connects only to public addresses (an operator can allow a host"
            + " or range with the fetch-allow setting)";

    /** Lower case, without brackets or the trailing dot of a fully qualified name. */
    private static String name(String host) {
        String h = host.trim().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
