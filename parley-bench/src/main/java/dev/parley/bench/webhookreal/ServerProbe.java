package dev.parley.bench.webhookreal;

import dev.parley.bench.webhookingest.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server process costs and reports: its resident memory (Linux {@code /proc}), its CPU,
 * and its per-stage meters from {@code /actuator/prometheus}.
 */
final class ServerProbe {

    private final ServerProcess server;
    private long peakRssKb;

    ServerProbe(ServerProcess server) {
        this.server = server;
    }

    long cpuNanos() {
        return server.cpuNanos();
    }

    /** Current resident set size in MB (also kept as the peak seen); -1 off Linux. */
    synchronized double rssMb() {
        long kb = statusField("VmRSS");
        peakRssKb = Math.max(peakRssKb, kb);
        return kb < 0 ? -1 : kb / 1024.0;
    }

    synchronized double peakSampledRssMb() {
        return peakRssKb / 1024.0;
    }

    /** The kernel's high-water mark of the resident set (VmHWM), in MB; -1 off Linux. */
    double highWaterRssMb() {
        long kb = statusField("VmHWM");
        return kb < 0 ? -1 : kb / 1024.0;
    }

    private long statusField(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(server.pid()), "status"))) {
                if (line.startsWith(name + ":")) {
                    return Long.parseLong(line.substring(name.length() + 1).replace("kB", "").trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * Returns once the server has applied every delivery it acknowledged (its
     * {@code parley_webhooks_unapplied} gauge is 0; at once when deliveries are applied before
     * their answer), so a phase's rate counts the work, not only the answers.
     */
    void awaitApplied() {
        try (HttpConnection connection = new HttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            while (true) {
                double unapplied = 0;
                for (String line : scrape(connection).text().split("\n")) {
                    if (line.startsWith("parley_webhooks_unapplied")) {
                        unapplied = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                    }
                }
                if (unapplied == 0) {
                    return;
                }
                Thread.sleep(50); // a scrape costs the server milliseconds of CPU: polling faster slows what it waits for
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The ingest meters: batches, mean requests per batch and mean commit time per writer. */
    List<String> ingestMeters() {
        List<String> lines = new ArrayList<>();
        try (HttpConnection connection = new HttpConnection(new InetSocketAddress("127.0.0.1", server.port()))) {
            HttpConnection.Response response = scrape(connection);
            if (response.status() != 200) {
                return List.of("/actuator/prometheus answered " + response.status());
            }
            Map<String, double[]> writers = new TreeMap<>(); // count, commit seconds, requests
            for (String line : response.text().split("\n")) {
                add(writers, line, "parley_ingest_commit_seconds_count", 0);
                add(writers, line, "parley_ingest_commit_seconds_sum", 1);
                add(writers, line, "parley_ingest_batch_size_sum", 2);
            }
            writers.forEach((writer, v) -> lines.add(String.format(Locale.ROOT,
                    "%s: %,.0f batches, %.1f requests per batch, %.2f ms per batch (write, before the flush)",
                    writer, v[0], v[0] == 0 ? 0 : v[2] / v[0], v[0] == 0 ? 0 : v[1] * 1000 / v[0])));
        } catch (IOException | RuntimeException e) {
            lines.add("meters not read: " + e.getMessage());
        }
        return lines;
    }

    /** The server's meters in Prometheus' text format. */
    private HttpConnection.Response scrape(HttpConnection connection) throws IOException {
        return connection.exchange(HttpConnection.request("GET", "/actuator/prometheus", "127.0.0.1:" + server.port(),
                new String[] {"X-API-Key", server.apiKey()}, new byte[0]), true);
    }

    private static void add(Map<String, double[]> writers, String line, String metric, int slot) {
        if (!line.startsWith(metric + "{")) {
            return;
        }
        int at = line.indexOf("writer=\"");
        if (at < 0) {
            return;
        }
        String writer = line.substring(at + 8, line.indexOf('"', at + 8));
        double value = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        writers.computeIfAbsent(writer, w -> new double[3])[slot] += value;
    }
}
