package dev.parley.bench.statusingest;

import dev.parley.bench.ConcurrentLoad;
import dev.parley.bench.Throughput;
import dev.parley.messages.StatusEvent;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One path's walk through the workload's payloads: each payload is delivered once, in order. */
final class PayloadFeed {

    /** Handles one webhook payload; returns once it is done. */
    interface Receiver {
        void receive(List<StatusEvent> payload) throws Exception;
    }

    private final List<List<StatusEvent>> payloads;
    private int next;

    PayloadFeed(List<List<StatusEvent>> payloads) {
        this.payloads = payloads;
    }

    /**
     * Delivers the next payloads holding at least {@code events} events (fewer when the workload
     * runs out) from {@code clients} threads with one payload in flight each; counts events.
     */
    Throughput deliver(int clients, int events, Receiver receiver) throws InterruptedException {
        int from = next;
        int counted = 0;
        while (next < payloads.size() && counted < events) {
            counted += payloads.get(next++).size();
        }
        if (counted == 0) {
            throw new IllegalStateException("the workload has no events left");
        }
        AtomicInteger cursor = new AtomicInteger(from);
        Throughput done = ConcurrentLoad.run(clients, next - from,
                () -> receiver.receive(payloads.get(cursor.getAndIncrement())));
        return new Throughput(counted, done.nanos());
    }
}
