package dev.moviola.net;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses: the system's DNS, or a fixed table in tests (which never touch the internet). */
@FunctionalInterface
public interface Resolver {
    Resolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
