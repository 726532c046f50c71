package dev.parley.bench;

import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.types.ObjectId;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chat-message-like documents of roughly 300-500 bytes, shaped like what Parley stores for real:
 * tenant, conversation, sender, text, timestamp and a little metadata.
 */
public final class MessageDocuments {

    public static final String TENANT = "bench";

    private static final String[] WORDS = ("the a to of and order refund shipping account password reset please "
            + "thanks help when where why how can could would invoice payment card delivered late missing "
            + "item package support agent customer today tomorrow yesterday update status ticket issue").split(" ");
    private static final String[] SENDERS = {"customer", "agent", "bot"};
    private static final String[] CHANNELS = {"web", "email", "whatsapp", "sms"};
    private static final int CONVERSATIONS = 500;

    private MessageDocuments() {
    }

    /** A fresh message without {@code _id}; safe to call from many threads. */
    public static Document next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int conversation = random.nextInt(CONVERSATIONS);
        return new Document("organization_id", TENANT)
                .append("conversation_id", "conv-" + conversation)
                .append("sender", new Document("role", SENDERS[random.nextInt(SENDERS.length)])
                        .append("id", "user-" + random.nextInt(10_000)))
                .append("content", sentence())
                .append("created_at", new Date())
                .append("metadata", new Document("channel", CHANNELS[random.nextInt(CHANNELS.length)])
                        .append("client_msg_id", new ObjectId().toHexString())
                        .append("tokens", random.nextInt(20, 200)));
    }

    /** A chat-like sentence of 15 to 44 words; safe to call from many threads. */
    public static String sentence() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return text(random, 15 + random.nextInt(30));
    }

    public static List<Document> batch(int size) {
        List<Document> docs = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            docs.add(next());
        }
        return docs;
    }

    /** Mean encoded size of a sample, for the report. */
    public static int averageBsonBytes() {
        DocumentCodec codec = new DocumentCodec();
        int samples = 200;
        long total = 0;
        for (int i = 0; i < samples; i++) {
            Document stored = next().append("_id", TENANT + "|" + new ObjectId().toHexString());
            total += new RawBsonDocument(stored, codec).getByteBuffer().remaining();
        }
        return (int) (total / samples);
    }

    private static String text(ThreadLocalRandom random, int words) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < words; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append('.').toString();
    }
}
