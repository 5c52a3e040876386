package dev.moviola.job;

/** Sends a delivery once (the API signs and posts it); the receiver's failures are the attempt's outcome, not exceptions. */
public interface Courier {
    Attempt send(Delivery delivery, int number);
}
