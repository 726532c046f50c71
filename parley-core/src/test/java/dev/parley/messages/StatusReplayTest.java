package dev.parley.messages;

import dev.parley.Parley;
import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance replay: 10,000 status events for 1,000 messages, each delivered three times in
 * shuffled order from four threads. Latest = highest status, no duplicate history, exact count.
 */
class StatusReplayTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    @Test
    void shuffledTriplicatedEventsFromFourThreadsConvergeExactly() throws Exception {
        Messages messages = parley.get().tenant("replay").messages();
        Random random = new Random(42);
        MessageStatus[] statuses = MessageStatus.values();
        Map<String, MessageStatus> highest = new HashMap<>();
        Map<String, Set<String>> distinct = new HashMap<>();
        List<StatusEvent> events = new ArrayList<>();
        Instant base = Instant.parse("2026-01-27T10:30:00Z");
        for (int i = 0; i < 10_000; i++) {
            String id = "wamid.replay-" + (i % 1_000);
            MessageStatus status = statuses[random.nextInt(5)]; // pending..played, plus some terminal below
            if (random.nextInt(50) == 0) {
                status = MessageStatus.FAILED;
            }
            Instant at = base.plusSeconds(random.nextInt(3_600));
            String execution = "exec-" + random.nextInt(3);
            StatusEvent event = new StatusEvent(id, status, at, execution, "966500000" + (i % 1_000 % 37), "webhook", null, false);
            events.add(event);
            highest.merge(id, status, (a, b) -> a.rank() >= b.rank() ? a : b);
            distinct.computeIfAbsent(id, k -> new HashSet<>()).add(event.dedupKey());
        }
        List<StatusEvent> deliveries = new ArrayList<>(events);
        deliveries.addAll(events);
        deliveries.addAll(events);
        Collections.shuffle(deliveries, random);

        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        int perThread = deliveries.size() / 4;
        for (int t = 0; t < 4; t++) {
            List<StatusEvent> share = deliveries.subList(t * perThread, (t + 1) * perThread);
            done.add(threads.submit(() -> {
                for (int from = 0; from < share.size(); from += 25) {
                    messages.recordStatuses(share.subList(from, Math.min(share.size(), from + 25)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        for (Map.Entry<String, MessageStatus> expected : highest.entrySet()) {
            Document message = messages.get(expected.getKey());
            List<Document> history = message.getList("status_history", Document.class);
            Set<String> keys = new HashSet<>();
            history.forEach(h -> keys.add(h.getString("status") + "|" + h.getDate("timestamp").toInstant().getEpochSecond()
                    + "|" + h.getString("execution_id")));
            assertThat(message.getString("status")).as(expected.getKey()).isEqualTo(expected.getValue().wire());
            assertThat(keys).as("no duplicate history entries").hasSize(history.size());
            assertThat(message.getInteger("status_count")).isEqualTo(distinct.get(expected.getKey()).size());
            assertThat(history).hasSize(distinct.get(expected.getKey()).size());
        }
    }

    @Test
    void writersInTwoProcessesRacingOnTheSameMessagesLoseNothing(@org.junit.jupiter.api.io.TempDir java.nio.file.Path data)
            throws Exception {
        var config = dev.parley.ParleyConfig.from(Map.of("PARLEY_DATA_DIR", data.toString(), "PARLEY_EMBEDDED", "h2"));
        try (Parley owner = Parley.connect(config); Parley other = Parley.connect(config)) {
            Messages first = owner.tenant("race").messages();
            Messages second = other.tenant("race").messages();
            Instant base = Instant.parse("2026-01-27T10:30:00Z");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Messages writer = t % 2 == 0 ? first : second;
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        List<StatusEvent> batch = new ArrayList<>();
                        for (int m = 0; m < 20; m++) {
                            batch.add(new StatusEvent("m" + m, MessageStatus.values()[(i + thread) % 4],
                                    base.plusSeconds(i * 10L + thread), "t" + thread, "c1", "race", null, false));
                        }
                        writer.recordStatuses(batch);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            threads.shutdown();
            for (int m = 0; m < 20; m++) {
                Document message = first.get("m" + m);
                assertThat(message.getInteger("status_count")).as("m" + m).isEqualTo(200);
                assertThat(message.getString("status")).isEqualTo("read");
            }
        }
    }
}
