package dev.parley.webhooks;

import java.util.List;

/**
 * How a webhook endpoint treats a delivery that names no registered number or account, which
 * nobody's secret can authenticate: whether it may be stored at all (a budget per sender and per
 * unknown id), how much of it, and how much of them in total. The server builds one per request
 * from its configuration and the caller's address; replays and library callers use {@link #UNBUDGETED}.
 */
public interface UnroutedIntake {

    int DEFAULT_PREFIX_BYTES = 16 * 1024;
    long DEFAULT_MAX_BYTES = 64L << 20;

    /** No budget to charge; the default prefix and total still bound what is stored. */
    UnroutedIntake UNBUDGETED = (provider, unknownIds) -> true;

    /** Charges the delivery to its budgets; false when one is spent (the delivery is then dropped). */
    boolean admit(String provider, List<String> unknownIds);

    /** At most this many bytes of an unrouted body are kept. */
    default int prefixBytes() {
        return DEFAULT_PREFIX_BYTES;
    }

    /** At most this many bytes of unrouted payloads are kept in all; the oldest make room. */
    default long maxBytes() {
        return DEFAULT_MAX_BYTES;
    }

    /** Who sent it, for the log (e.g. the address). */
    default String source() {
        return "unknown";
    }
}
