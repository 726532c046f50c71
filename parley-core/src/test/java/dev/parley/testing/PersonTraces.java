package dev.parley.testing;

import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.documents.DocumentJson;
import dev.parley.store.ScopedCollection;
import org.bson.Document;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the erasure tests share: a person reaching a tenant through signed WhatsApp webhooks, and
 * the proof after an erasure, a walk of every document of every collection of the tenant for
 * anything that still names them.
 */
public final class PersonTraces {

    private PersonTraces() {
    }

    /**
     * Every document of every collection of {@code tenant} that holds {@code phone} (its digits,
     * however written) or one of {@code words} (compared in lower case), as {@code collection: json}.
     */
    public static List<String> naming(Parley parley, String tenant, String phone, String... words) {
        List<String> naming = new ArrayList<>();
        for (String collection : StoreAccess.of(parley).collectionNames()) {
            for (Document doc : documents(parley, tenant, collection)) {
                String json = DocumentJson.write(doc).toLowerCase(Locale.ROOT);
                boolean names = json.contains(phone) || json.replaceAll("[^0-9]", "").contains(phone);
                for (String word : words) {
                    names |= json.contains(word.toLowerCase(Locale.ROOT));
                }
                if (names) {
                    naming.add(collection + ": " + json);
                }
            }
        }
        return naming;
    }

    /** The tenant's documents of one collection in key order. */
    public static List<Document> documents(Parley parley, String tenant, String collection) {
        ScopedCollection scoped = StoreAccess.of(parley).scoped(tenant, collection);
        return scoped.find(new Document()).sort(new Document("_id", 1)).into(new ArrayList<>());
    }

    /** Posts {@code value} as a WhatsApp Cloud API webhook for {@code phoneNumberId}, signed with the app secret. */
    public static void webhook(Parley parley, String phoneNumberId, String secret, Document value) {
        value.put("metadata", new Document("display_phone_number", "15550001111").append("phone_number_id", phoneNumberId));
        byte[] body = DocumentJson.write(new Document("object", "whatsapp_business_account").append("entry", List.of(
                new Document("id", "waba").append("changes", List.of(new Document("field", "messages").append("value", value))))))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(parley.whatsAppWebhook().receive(body, sign(body, secret)).status()).isEqualTo(200);
    }

    /** A webhook value with one inbound text message from {@code from}, who goes by {@code name}. */
    public static Document inbound(String id, String from, String name, String text) {
        return new Document("messaging_product", "whatsapp")
                .append("contacts", List.of(new Document("profile", new Document("name", name)).append("wa_id", from)))
                .append("messages", List.of(new Document("from", from).append("id", id).append("timestamp", "1767261600")
                        .append("type", "text").append("text", new Document("body", text))));
    }

    /** A webhook value with one status of message {@code id} sent to {@code recipient}. */
    public static Document status(String id, String recipient, String status) {
        return new Document("messaging_product", "whatsapp").append("statuses", List.of(new Document("id", id).append("status", status)
                .append("timestamp", String.valueOf(1767261700 + status.length())).append("recipient_id", recipient)));
    }

    private static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
