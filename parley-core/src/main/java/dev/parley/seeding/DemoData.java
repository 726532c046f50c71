package dev.parley.seeding;

import dev.parley.InvalidInputException;
import dev.parley.tenancy.IssuedKey;
import dev.parley.tenancy.TenantRegistry;
import dev.parley.imports.ImportFormat;
import dev.parley.imports.ImportRequest;
import dev.parley.messages.MessageStatus;
import dev.parley.messages.Messages;
import dev.parley.messages.StatusEvent;
import org.bson.Document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.LongConsumer;
import dev.parley.ConflictException;

/**
 * Seed 004's seed data, for demos, the dashboard and benchmarks: conversations across channels in
 * English and Arabic, their messages, WhatsApp delivery statuses (failures included), audit
 * entries, metrics, events and one imported chat export, all through the public write paths.
 * The same {@code randomSeed} and day give the same data; ids are derived from the seed, so
 * running it twice adds nothing twice.
 */
public final class DemoData {

    /** How much to make. */
    public record Plan(String tenant, int conversations, int messagesPerConversation, int days, long randomSeed) {

        public Plan {
            if (conversations < 1 || conversations > 100_000) {
                throw new InvalidInputException("conversations", "must be between 1 and 100000");
            }
            if (messagesPerConversation < 1 || messagesPerConversation > 1_000) {
                throw new InvalidInputException("messages-per", "must be between 1 and 1000");
            }
            if (days < 1 || days > 365) {
                throw new InvalidInputException("days", "must be between 1 and 365");
            }
        }
    }

    /** What was made. */
    public record Made(String tenant, long conversations, long messages, long statuses, long auditEntries, long metrics,
                       long events, long uploads) {
    }

    private static final String[] CHANNELS = {"whatsapp", "whatsapp", "whatsapp", "chat", "sms", "email", "voice"};
    private static final String[] FAILURES = {"131026", "131047", "131049", "130472", "131000"};

    private final TenantRegistry tenants;
    private final Function<String, SeedWrites> writes;

    /** Demo tenants made in {@code tenants}, their data written through {@code writes} (a tenant's). */
    public DemoData(TenantRegistry tenants, Function<String, SeedWrites> writes) {
        this.tenants = tenants;
        this.writes = writes;
    }

    public Made create(Plan plan, Instant now) {
        return create(plan, now, done -> { });
    }

    /**
     * A key to sign in to the demo tenant with: the tenant's first when it is new, else another one
     * (the earlier keys keep working). Shown once; Parley keeps only its digest.
     */
    public IssuedKey signInKey(String tenant) {
        if (tenants.find(tenant).isEmpty()) {
            try {
                return tenants.create(tenant, "Demo " + tenant, "Asia/Riyadh");
            } catch (ConflictException raced) {
                // created meanwhile: a key of its own below
            }
        }
        return tenants.rotateKey(tenant, false);
    }

    /** {@link #create(Plan, Instant)}, telling {@code progress} how many conversations are done. */
    public Made create(Plan plan, Instant now, LongConsumer progress) {
        if (tenants.find(plan.tenant()).isEmpty()) {
            tenants.create(plan.tenant(), "Demo " + plan.tenant(), "Asia/Riyadh");
        }
        SeedWrites tenant = writes.apply(plan.tenant());
        SplittableRandom random = new SplittableRandom(plan.randomSeed());
        Instant end = now.truncatedTo(ChronoUnit.DAYS);
        long messages = 0;
        long statuses = 0;
        List<Document> batch = new ArrayList<>();
        List<StatusEvent> events = new ArrayList<>();
        List<Document> audits = new ArrayList<>();
        for (int c = 0; c < plan.conversations(); c++) {
            String conversationId = "demo-" + plan.randomSeed() + "-" + c;
            String channel = CHANNELS[random.nextInt(CHANNELS.length)];
            boolean arabic = random.nextInt(10) < 4;
            Instant started = end.minus(Duration.ofMinutes(1 + random.nextLong(plan.days() * 24L * 60)));
            ConversationScripts.Details details = ConversationScripts.details(arabic, random);
            List<String> lines = ConversationScripts.messages(details, plan.messagesPerConversation(), random);
            startConversation(tenant, conversationId, channel, started, details, random);
            Instant at = started;
            for (int m = 0; m < plan.messagesPerConversation(); m++) {
                boolean inbound = m % 2 == 0;
                at = at.plusSeconds(20 + random.nextInt(600));
                String id = (channel.equals("whatsapp") ? "wamid.demo" : "msg-demo") + plan.randomSeed() + "-" + c + "-" + m;
                Document message = new Document("message_id", id).append("conversation_id", conversationId).append("channel", channel)
                        .append("direction", inbound ? "inbound" : "outbound").append("sender_type", inbound ? "user" : "agent")
                        .append("sender_id", inbound ? "contact-" + c : "agent-" + c % 7).append("language", arabic ? "ar" : "en")
                        .append("content", lines.get(m)).append("created_at", Date.from(at));
                batch.add(inbound ? message : message.append("status", "sent"));
                if (!inbound && channel.equals("whatsapp")) {
                    statuses += deliveries(events, id, conversationId, at, random);
                }
                if (batch.size() == Messages.MAX_BATCH) {
                    messages += flush(tenant, batch, events);
                }
            }
            audits.add(new Document("user_id", "agent-" + c % 7).append("action", random.nextBoolean() ? "view" : "update")
                    .append("resource_type", "conversation").append("resource_id", conversationId)
                    .append("ip_address", "10.0." + c % 250 + "." + (1 + random.nextInt(250))));
            if (audits.size() == 500) {
                tenant.logAudit(audits);
                audits.clear();
            }
            progress.accept(c + 1L);
        }
        messages += flush(tenant, batch, events);
        if (!audits.isEmpty()) {
            tenant.logAudit(audits);
        }
        long metrics = metrics(tenant, plan, end, random);
        long eventCount = events(tenant, plan);
        long uploads = chatExport(tenant, plan, end);
        return new Made(plan.tenant(), plan.conversations(), messages, statuses, plan.conversations(), metrics, eventCount, uploads);
    }

    private static void startConversation(SeedWrites tenant, String id, String channel, Instant started,
                                          ConversationScripts.Details details, SplittableRandom random) {
        try {
            tenant.startConversation(new Document("conversation_id", id).append("agent_id", "agent-" + random.nextInt(7))
                    .append("channel", channel).append("contact_id", "contact-" + id.hashCode() % 1000)
                    .append("started_at", Date.from(started)).append("tags", List.of(random.nextBoolean() ? "sales" : "support"))
                    .append("metadata", new Document("source", "demo").append("custom_fields", new Document("city", details.city())
                            .append("order_id", details.order()).append("customer", details.customer()))));
        } catch (ConflictException alreadyThere) {
            // seeded before: the same conversation, left as it is
        }
    }

    /** sent, then usually delivered and read, sometimes failed with a WhatsApp error code. */
    private static int deliveries(List<StatusEvent> events, String id, String conversationId, Instant at, SplittableRandom random) {
        if (random.nextInt(20) == 0) {
            String code = FAILURES[random.nextInt(FAILURES.length)];
            events.add(new StatusEvent(id, MessageStatus.parse("status", "failed"), at.plusSeconds(3), "demo", conversationId, "demo",
                    new Document("code", Integer.parseInt(code)).append("title", "demo failure " + code), false));
            return 1;
        }
        events.add(new StatusEvent(id, MessageStatus.parse("status", "delivered"), at.plusSeconds(2 + random.nextInt(30)), "demo",
                conversationId, "demo", null, false));
        if (random.nextInt(10) < 7) {
            events.add(new StatusEvent(id, MessageStatus.parse("status", "read"), at.plusSeconds(60 + random.nextInt(3_600)), "demo",
                    conversationId, "demo", null, false));
            return 2;
        }
        return 1;
    }

    private static long flush(SeedWrites tenant, List<Document> batch, List<StatusEvent> events) {
        long logged = batch.size();
        if (!batch.isEmpty()) {
            tenant.logMessages(batch);
        }
        for (int from = 0; from < events.size(); from += Messages.MAX_BATCH) {
            tenant.recordStatuses(events.subList(from, Math.min(events.size(), from + Messages.MAX_BATCH)));
        }
        batch.clear();
        events.clear();
        return logged;
    }

    private static long metrics(SeedWrites tenant, DemoData.Plan plan, Instant end, SplittableRandom random) {
        List<Document> points = new ArrayList<>();
        for (int day = 0; day < plan.days(); day++) {
            for (int i = 0; i < 6; i++) {
                Instant at = end.minus(Duration.ofDays(day)).minus(Duration.ofMinutes(random.nextInt(24 * 60)));
                points.add(new Document("metric_id", "demo-" + plan.randomSeed() + "-" + day + "-" + i)
                        .append("metric_type", i % 2 == 0 ? "campaigns_executed" : "response_time_seconds")
                        .append("value", i % 2 == 0 ? 1 + random.nextInt(5) : 5 + random.nextInt(300))
                        .append("tags", new Document("campaign_id", "campaign-" + random.nextInt(4))).append("timestamp", Date.from(at)));
            }
        }
        for (int from = 0; from < points.size(); from += 1_000) {
            tenant.logMetrics(points.subList(from, Math.min(points.size(), from + 1_000)));
        }
        return points.size();
    }

    private static long events(SeedWrites tenant, DemoData.Plan plan) {
        long stored = 0;
        for (int c = 0; c < Math.min(plan.conversations(), 50); c++) {
            String conversationId = "demo-" + plan.randomSeed() + "-" + c;
            for (String type : List.of("ConversationStarted", "ConversationAssigned")) {
                tenant.storeEvent(new Document("event_id", conversationId + "-" + type).append("event_type", type)
                        .append("aggregate_type", "conversation").append("aggregate_id", conversationId)
                        .append("event_data", new Document("channel", "demo")));
                stored++;
            }
        }
        return stored;
    }

    /** One WhatsApp chat export, imported as a user would (an upload in seed 003's metadata). */
    private static long chatExport(SeedWrites tenant, DemoData.Plan plan, Instant end) {
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm").withZone(ZoneId.of("Asia/Riyadh"));
        Instant at = end.minus(Duration.ofDays(1));
        String text = format.format(at) + " - Noura: السلام عليكم، متى يصل طلبي؟\n"
                + format.format(at.plusSeconds(120)) + " - Demo Shop: وعليكم السلام، الطلب في الطريق ويصل اليوم\n"
                + format.format(at.plusSeconds(300)) + " - Noura: Thanks! Please call before delivery\n";
        tenant.importUpload(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new ImportRequest(
                ImportFormat.WHATSAPP_EXPORT, "WhatsApp Chat with Noura.txt", "whatsapp", "demo", null, null,
                "demo-" + plan.randomSeed() + "-export", "whatsapp", "Demo Shop", null, false));
        return 1;
    }
}
