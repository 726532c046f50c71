package dev.parley.bench.webhookreal;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import com.sun.management.OperatingSystemMXBean;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Drives deliveries at the server: closed loop at full speed (each sender one request in flight on
 * its own keep-alive connection, as Meta's senders do) or open loop at a fixed offered rate
 * (latency from each request's due time, so queueing behind slow answers counts).
 */
final class Load {

    /** What a phase sends: request {@code i}, the events it carries, and the answer expected. */
    interface Requests {
        int size();

        byte[] request(int index);

        int events(int index);
    }

    private static final long LEAD_NANOS = 200_000_000L;
    /** Event-loop threads of the closed-loop client, as wrk -t2 on this 2-core machine. */
    private static final int CLIENT_THREADS = 2;

    private final InetSocketAddress address;
    private final LongSupplier serverCpuNanos;
    private final Runnable awaitApplied;

    Load(InetSocketAddress address, LongSupplier serverCpuNanos, Runnable awaitApplied) {
        this.awaitApplied = awaitApplied;
        this.address = address;
        this.serverCpuNanos = serverCpuNanos;
    }

    static Requests of(TrafficPool pool) {
        return new Requests() {
            public int size() {
                return pool.deliveries().size();
            }

            public byte[] request(int index) {
                return pool.deliveries().get(index).request();
            }

            public int events(int index) {
                return pool.deliveries().get(index).events();
            }
        };
    }

    /** The same few requests over and over (for answers that write nothing, e.g. refused signatures). */
    static Requests cycling(List<byte[]> requests, int length) {
        return new Requests() {
            public int size() {
                return length;
            }

            public byte[] request(int index) {
                return requests.get(index % requests.size());
            }

            public int events(int index) {
                return 1;
            }
        };
    }

    /**
     * {@code senders} connections send the requests in order, one in flight each, from two
     * event-loop threads ({@link NioSenders}), until they run out or {@code duration} is up; only
     * answers within the duration are counted in the rates.
     */
    void closedLoop(PhaseResult result, Requests requests, int expectedStatus, int senders, Duration duration)
            throws InterruptedException {
        long cpuBefore = serverCpuNanos.getAsLong();
        long clientBefore = clientCpuNanos();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long lastAnswer = new NioSenders(address).run(result, requests, expectedStatus, senders, CLIENT_THREADS, deadline,
                new AtomicInteger());
        long counted = Math.min(deadline, lastAnswer) - start;
        if (expectedStatus == 200) { // deliveries acknowledged once logged count once applied (a little late: in-flight ones too)
            awaitApplied.run();
            counted = Math.max(counted, System.nanoTime() - start);
        }
        long wall = System.nanoTime() - start;
        result.finish(Math.max(1, counted), loadAverage(), (serverCpuNanos.getAsLong() - cpuBefore) / (double) wall,
                (clientCpuNanos() - clientBefore) / (double) wall);
    }

    /**
     * Open loop: request {@code i} is due when the ones before it, at {@code perSecond} (events or
     * deliveries), would have been sent, whatever the answers so far.
     */
    void paced(PhaseResult result, Requests requests, double perSecond, boolean countEvents, Duration duration, int threads)
            throws InterruptedException {
        List<Long> due = new ArrayList<>();
        long units = 0;
        long target = Math.round(perSecond * duration.toNanos() / 1e9);
        for (int i = 0; i < requests.size() && units < target; i++) {
            due.add(Math.round(units * 1e9 / perSecond));
            units += countEvents ? requests.events(i) : 1;
        }
        ThreadLocal<HttpConnection> connections = ThreadLocal.withInitial(() -> new HttpConnection(address));
        Set<HttpConnection> opened = ConcurrentHashMap.newKeySet();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(threads);
        executor.prestartAllCoreThreads();
        long cpuBefore = serverCpuNanos.getAsLong();
        long clientBefore = clientCpuNanos();
        long start = System.nanoTime() + LEAD_NANOS;
        for (int i = 0; i < due.size(); i++) {
            int index = i;
            long at = start + due.get(i);
            executor.schedule(() -> {
                HttpConnection connection = connections.get();
                opened.add(connection);
                send(connection, result, requests, index, 200, at, Long.MAX_VALUE);
            }, at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        executor.shutdown();
        if (!executor.awaitTermination(duration.toSeconds() + 600, TimeUnit.SECONDS)) {
            executor.shutdownNow();
            throw new IllegalStateException("paced requests still unanswered 10 minutes after the phase's end");
        }
        awaitApplied.run(); // the next phase starts with nothing left over
        long wall = System.nanoTime() - start;
        opened.forEach(HttpConnection::close);
        result.finish(wall, loadAverage(), (serverCpuNanos.getAsLong() - cpuBefore) / (double) wall,
                (clientCpuNanos() - clientBefore) / (double) wall);
    }

    private static void send(HttpConnection connection, PhaseResult result, Requests requests, int index, int expected,
                             long from, long deadline) {
        try {
            HttpConnection.Response response = connection.exchange(requests.request(index), true);
            long now = System.nanoTime();
            result.answered(index, response.status(), expected, response.status() == expected ? "" : response.text(),
                    now - from, now <= deadline, requests.events(index));
        } catch (Exception e) {
            connection.close();
            result.failed(index, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long clientCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
