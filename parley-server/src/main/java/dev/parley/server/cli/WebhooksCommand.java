package dev.parley.server.cli;

import dev.parley.Parley;
import dev.parley.fields.InputFields;
import dev.parley.webhooks.WhatsAppWebhook;
import org.bson.Document;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/** {@code ./parley webhooks replay|unrouted}: the raw payload record, for operators. */
@Command(name = "webhooks", description = "Replay stored webhook payloads; list unrouted ones.",
        subcommands = {WebhooksCommand.Replay.class, WebhooksCommand.Unrouted.class})
class WebhooksCommand {

    @Command(name = "replay", description = "Process stored payloads again (idempotent: replaying twice changes nothing).")
    static class Replay implements Callable<Integer> {

        @Option(names = "--since", description = "only payloads received since (ISO-8601 or unix seconds)")
        String since;

        @Option(names = "--tenant", description = "only payloads routed to this tenant")
        String tenant;

        @Override
        public Integer call() {
            Instant from = since == null ? null : InputFields.instant("--since", since);
            try (Parley parley = StoreOptions.connect()) {
                AtomicInteger messages = new AtomicInteger();
                AtomicInteger statuses = new AtomicInteger();
                AtomicInteger refused = new AtomicInteger();
                int payloads = parley.whatsAppWebhook().replayAll(from, StoreOptions.requireTenant(parley, tenant), (WhatsAppWebhook.Receipt receipt) -> {
                    messages.addAndGet(receipt.messages());
                    statuses.addAndGet(receipt.statuses());
                    if (receipt.status() != 200) {
                        refused.incrementAndGet();
                        System.err.println("payload " + receipt.rawId() + ": " + receipt.detail());
                    }
                });
                System.out.printf("replayed %d payloads: %d messages, %d statuses, %d refused%n", payloads, messages.get(),
                        statuses.get(), refused.get());
                return 0;
            }
        }
    }

    @Command(name = "unrouted", description = "List payloads for numbers no tenant has registered.")
    static class Unrouted implements Callable<Integer> {

        @Option(names = "--limit", defaultValue = "20", description = "how many, newest first")
        int limit;

        @Override
        public Integer call() {
            try (Parley parley = StoreOptions.connect()) {
                for (Document payload : parley.rawWebhooks().unrouted(limit)) {
                    String cut = Boolean.TRUE.equals(payload.get("truncated"))
                            ? "  (truncated: " + payload.get("body_size") + " bytes received, the first kept)" : "";
                    System.out.println(payload.getString("_id") + "  " + payload.getDate("received_at").toInstant() + "  "
                            + payload.get("outcome", new Document()).get("problems") + cut);
                }
                return 0;
            }
        }
    }
}
