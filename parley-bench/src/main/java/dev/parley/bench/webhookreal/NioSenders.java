package dev.parley.bench.webhookreal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop senders the way {@code wrk} drives them: many keep-alive connections, each with
 * one request in flight, served by a couple of event-loop threads (one selector each) instead of
 * a thread per connection, so the load client spends little of the two cores it shares with the
 * server on context switches. Each connection sends the next request the moment its answer is in.
 */
final class NioSenders {

    /** One connection's request in flight and the bytes of its answer so far. */
    private static final class Exchange {
        SocketChannel channel;
        ByteBuffer out;
        boolean retried;
        byte[] in = new byte[8_192];
        int filled;
        int index = -1;
        long sentAt;

        Exchange(SocketChannel channel) {
            this.channel = channel;
        }
    }

    private final InetSocketAddress address;

    NioSenders(InetSocketAddress address) {
        this.address = address;
    }

    /**
     * Sends requests in order over {@code connections} connections until they run out or
     * {@code deadline} (System.nanoTime) passes; records every answer in {@code result}. Returns
     * the time of the last answer.
     */
    long run(PhaseResult result, Load.Requests requests, int expectedStatus, int connections, int threads, long deadline,
             AtomicInteger next) throws InterruptedException {
        AtomicLong lastAnswer = new AtomicLong();
        List<Thread> loops = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int share = connections / threads + (t < connections % threads ? 1 : 0);
            Thread loop = new Thread(() -> {
                try {
                    loop(result, requests, expectedStatus, share, deadline, next, lastAnswer);
                } catch (IOException e) {
                    result.failed(-1, "load client: " + e.getMessage());
                }
            }, "webhook-senders-" + t);
            loop.start();
            loops.add(loop);
        }
        for (Thread loop : loops) {
            loop.join();
        }
        return lastAnswer.get();
    }

    private void loop(PhaseResult result, Load.Requests requests, int expectedStatus, int connections, long deadline,
                      AtomicInteger next, AtomicLong lastAnswer) throws IOException {
        try (Selector selector = Selector.open()) {
            int open = 0;
            for (int c = 0; c < connections; c++) {
                Exchange exchange = new Exchange(connect());
                if (start(exchange, requests, next, deadline)) {
                    exchange.channel.register(selector, SelectionKey.OP_WRITE, exchange);
                    open++;
                } else {
                    exchange.channel.close();
                }
            }
            while (open > 0) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Exchange exchange = (Exchange) key.attachment();
                    Step outcome = step(key, exchange, result, requests, expectedStatus, next, deadline, lastAnswer);
                    if (outcome == Step.CONTINUE) {
                        continue;
                    }
                    key.cancel();
                    exchange.channel.close();
                    if (outcome == Step.RECONNECT) {
                        exchange.channel = connect();
                        exchange.channel.register(selector, SelectionKey.OP_WRITE, exchange);
                    } else {
                        open--;
                    }
                }
                selector.selectedKeys().clear();
            }
        }
    }

    private SocketChannel connect() throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        return channel;
    }

    /** Takes the next request; false when none is left or the time is up. */
    private static boolean start(Exchange exchange, Load.Requests requests, AtomicInteger next, long deadline) {
        if (System.nanoTime() >= deadline) {
            return false;
        }
        int index = next.getAndIncrement();
        if (index >= requests.size()) {
            return false;
        }
        exchange.index = index;
        exchange.out = ByteBuffer.wrap(requests.request(index));
        exchange.filled = 0;
        exchange.sentAt = System.nanoTime();
        return true;
    }

    /** What a connection does after a step. */
    private enum Step { CONTINUE, RECONNECT, DONE }

    /**
     * Writes or reads what the channel is ready for. The server may close a keep-alive connection
     * (Tomcat does after 100 requests, saying {@code Connection: close}): the sender reconnects, as
     * wrk does, and sends a request the closed connection lost once more.
     */
    private static Step step(SelectionKey key, Exchange exchange, PhaseResult result, Load.Requests requests,
                             int expectedStatus, AtomicInteger next, long deadline, AtomicLong lastAnswer) {
        try {
            if (key.isWritable()) {
                exchange.channel.write(exchange.out);
                if (!exchange.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
                return Step.CONTINUE;
            }
            if (!key.isReadable()) {
                return Step.CONTINUE;
            }
            if (exchange.filled == exchange.in.length) {
                exchange.in = Arrays.copyOf(exchange.in, exchange.in.length * 2);
            }
            int read = exchange.channel.read(ByteBuffer.wrap(exchange.in, exchange.filled, exchange.in.length - exchange.filled));
            if (read < 0) {
                throw new IOException("the server closed the connection");
            }
            exchange.filled += read;
            int status = complete(exchange.in, exchange.filled);
            if (status < 0) {
                return Step.CONTINUE; // more to read
            }
            long now = System.nanoTime();
            result.answered(exchange.index, status, expectedStatus, status == expectedStatus ? ""
                    : new String(exchange.in, 0, exchange.filled, StandardCharsets.UTF_8), now - exchange.sentAt, now <= deadline,
                    requests.events(exchange.index));
            lastAnswer.accumulateAndGet(now, Math::max);
            boolean closing = closes(exchange.in, exchange.filled);
            exchange.retried = false;
            if (!start(exchange, requests, next, deadline)) {
                return Step.DONE;
            }
            if (closing) {
                return Step.RECONNECT;
            }
            key.interestOps(SelectionKey.OP_WRITE);
            return Step.CONTINUE;
        } catch (IOException e) {
            if (!exchange.retried && exchange.index >= 0) {
                exchange.retried = true; // the same request again on a fresh connection
                exchange.out.rewind();
                exchange.filled = 0;
                return Step.RECONNECT;
            }
            if (exchange.index >= 0) {
                result.failed(exchange.index, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return Step.DONE;
        }
    }

    /** Whether the answer's headers say the server closes the connection after it. */
    private static boolean closes(byte[] bytes, int length) {
        int headerEnd = indexOf(bytes, 0, length, "\r\n\r\n");
        return new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("\r\nconnection: close");
    }

    /** The status of a complete HTTP/1.1 answer in {@code bytes}, or -1 while it is incomplete. */
    static int complete(byte[] bytes, int length) {
        int headerEnd = indexOf(bytes, 0, length, "\r\n\r\n");
        if (headerEnd < 0) {
            return -1;
        }
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(head.indexOf(' ') + 1, head.indexOf(' ') + 4));
        int bodyStart = headerEnd + 4;
        String lower = head.toLowerCase(Locale.ROOT);
        int contentLength = lower.indexOf("\r\ncontent-length:");
        if (contentLength >= 0) {
            int end = lower.indexOf("\r\n", contentLength + 2);
            long size = Long.parseLong(lower.substring(contentLength + 17, end < 0 ? lower.length() : end).trim());
            return length >= bodyStart + size ? status : -1;
        }
        if (!lower.contains("\r\ntransfer-encoding: chunked")) {
            return status; // no body
        }
        int at = bodyStart;
        while (true) {
            int lineEnd = indexOf(bytes, at, length, "\r\n");
            if (lineEnd < 0) {
                return -1;
            }
            String sizeLine = new String(bytes, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                return indexOf(bytes, lineEnd, length, "\r\n\r\n") == lineEnd ? status : -1; // no trailers sent
            }
            at = lineEnd + 2 + size + 2;
            if (at > length) {
                return -1;
            }
        }
    }

    private static int indexOf(byte[] bytes, int from, int length, String what) {
        byte[] target = what.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = from; i <= length - target.length; i++) {
            for (int j = 0; j < target.length; j++) {
                if (bytes[i + j] != target[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
