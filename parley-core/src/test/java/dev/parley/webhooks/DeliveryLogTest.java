package dev.parley.webhooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log on its own: numbering, reopening, torn tails, segments dropped once applied, group sync. */
class DeliveryLogTest {

    @TempDir
    Path dir;

    @Test
    void whatIsNotMarkedAppliedIsReadBackAfterReopeningAndNumberingGoesOn() {
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            for (String text : List.of("one", "two", "three")) {
                log.awaitDurable(log.append(bytes(text), seq -> { }));
            }
            log.applied(1);
        }
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            assertThat(log.unapplied()).extracting(DeliveryLog.Unapplied::seq).containsExactly(2L, 3L);
            assertThat(log.unapplied()).extracting(u -> text(u.bytes())).containsExactly("two", "three");
            assertThat(log.append(bytes("four"), seq -> { })).isEqualTo(4);
        }
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            assertThat(log.unapplied()).extracting(u -> text(u.bytes())).containsExactly("two", "three", "four");
        }
    }

    @Test
    void aTornLastRecordIsCutOffAndNeverNumbered() throws IOException {
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            log.awaitDurable(log.append(bytes("kept"), seq -> { }));
        }
        Path segment = segments().get(0);
        long whole = Files.size(segment);
        // a crash mid-append: a header promising 100 bytes, and 3 of them
        Files.write(segment, new byte[] {0, 0, 0, 100, 1, 2, 3, 4, 'a', 'b', 'c'}, StandardOpenOption.APPEND);
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            assertThat(Files.size(segment)).isEqualTo(whole);
            assertThat(log.unapplied()).extracting(u -> text(u.bytes())).containsExactly("kept");
            assertThat(log.append(bytes("next"), seq -> { })).isEqualTo(2);
        }
    }

    @Test
    void aRecordWhoseChecksumDoesNotMatchEndsTheLog() throws IOException {
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            log.awaitDurable(log.append(bytes("first"), seq -> { }));
            log.awaitDurable(log.append(bytes("second"), seq -> { }));
        }
        Path segment = segments().get(0);
        byte[] all = Files.readAllBytes(segment);
        all[all.length - 1] ^= 0x20; // the last byte of "second" flipped
        Files.write(segment, all);
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            assertThat(log.unapplied()).extracting(u -> text(u.bytes())).containsExactly("first");
        }
    }

    @Test
    void segmentsGoOnceEveryRecordInThemIsApplied() throws IOException {
        try (DeliveryLog log = DeliveryLog.open(dir, 100)) {
            long last = 0;
            for (int i = 0; i < 12; i++) {
                last = log.append(bytes("record number " + i + " with some padding"), seq -> { });
            }
            log.awaitDurable(last);
            assertThat(segments()).hasSizeGreaterThan(3);
            log.applied(6);
            assertThat(segments().get(0).getFileName().toString()).isGreaterThan(String.format("%020d.log", 1));
            log.applied(last);
            assertThat(segments()).hasSize(1); // the one being appended to
        }
        try (DeliveryLog log = DeliveryLog.open(dir, 100)) {
            assertThat(log.unapplied()).isEmpty();
            assertThat(log.append(bytes("after"), seq -> { })).isEqualTo(13);
        }
    }

    @Test
    void concurrentAppendsAreNumberedInTheOrderTheirCallbacksRan() throws Exception {
        List<Long> order = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        log.awaitDurable(log.append(bytes(thread + ":" + i), order::add));
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            threads.shutdown();
        }
        List<Long> expected = new ArrayList<>();
        for (long seq = 1; seq <= 1_600; seq++) {
            expected.add(seq);
        }
        assertThat(order).containsExactlyElementsOf(expected);
        try (DeliveryLog log = DeliveryLog.open(dir)) {
            assertThat(log.unapplied()).hasSize(1_600);
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".log")).sorted().toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
