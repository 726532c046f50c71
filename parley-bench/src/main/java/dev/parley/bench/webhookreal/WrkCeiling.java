package dev.parley.bench.webhookreal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same refused-at-the-signature delivery sent by {@code wrk} (C, event loop), when it is
 * installed: a second opinion on how close the Java load client gets to the server's ceiling.
 */
final class WrkCeiling {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private WrkCeiling() {
    }

    /** Requests per second wrk got answered, or empty when wrk is missing or failed. */
    static Optional<Double> measure(String url, byte[] request, int connections, Duration duration) throws InterruptedException {
        String text = new String(request, StandardCharsets.UTF_8);
        int split = text.indexOf("\r\n\r\n");
        String body = text.substring(split + 4);
        String signature = header(text.substring(0, split), "X-Hub-Signature-256");
        Path script = null;
        try {
            script = Files.createTempFile("parley-wrk-", ".lua");
            Files.writeString(script, "wrk.method = \"POST\"\n"
                    + "wrk.body = [==[" + body + "]==]\n"
                    + "wrk.headers[\"Content-Type\"] = \"application/json\"\n"
                    + "wrk.headers[\"X-Hub-Signature-256\"] = \"" + signature + "\"\n");
            Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + duration.toSeconds() + "s",
                    "-s", script.toString(), url).redirectErrorStream(true).start();
            String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!wrk.waitFor(duration.toSeconds() + 30, TimeUnit.SECONDS) || wrk.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher rate = RATE.matcher(output);
            return rate.find() ? Optional.of(Double.parseDouble(rate.group(1))) : Optional.empty();
        } catch (IOException notInstalled) {
            return Optional.empty();
        } finally {
            if (script != null) {
                try {
                    Files.deleteIfExists(script);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
                return line.substring(name.length() + 1).trim();
            }
        }
        throw new IllegalArgumentException("no " + name + " header");
    }
}
