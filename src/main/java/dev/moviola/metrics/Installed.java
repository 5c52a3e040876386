package dev.moviola.metrics;

/** Where {@link Meters#current()} is kept (an interface cannot hold a field that changes). */
final class Installed {
    /** Read on every event; written once per process (or per test). */
    static volatile Meters meters = Meters.NONE;

    private Installed() {
    }
}
