package dev.parley.webhooks;

import dev.parley.testing.TestParley;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19: Meta's own sample payloads leave {@code type} out of location and contacts messages,
 * which Parley stored as {@code unknown} with no content. Each type maps the same with and without
 * {@code type}, keys Parley does not read are kept, and a replay repairs what was stored before.
 */
class WhatsAppTypesTest {

    @RegisterExtension
    static TestParley parley = new TestParley();

    private static final String TENANT = "wt-types";
    private static final String PHONE = "5550001111";
    private static final String SECRET = "types-app-secret";

    @BeforeAll
    static void channel() {
        parley.get().tenants().create(TENANT, null, "UTC");
        parley.get().channels().registerWhatsApp(TENANT, PHONE, new Document("app_secret", SECRET).append("verify_token", "v"));
    }

    /** A content object per type (as Meta documents it) and the content Parley shows for it. */
    static Stream<Object[]> types() {
        return Stream.of(
                new Object[]{"text", "{\"body\":\"hello there\"}", "hello there"},
                new Object[]{"image", "{\"id\":\"m1\",\"mime_type\":\"image/jpeg\",\"caption\":\"a photo\"}", "a photo"},
                new Object[]{"audio", "{\"id\":\"m2\",\"mime_type\":\"audio/ogg\",\"voice\":true}", null},
                new Object[]{"video", "{\"id\":\"m3\",\"caption\":\"a clip\"}", "a clip"},
                new Object[]{"document", "{\"id\":\"m4\",\"filename\":\"a.pdf\",\"caption\":\"the file\"}", "the file"},
                new Object[]{"sticker", "{\"id\":\"m5\",\"animated\":false}", null},
                new Object[]{"location", "{\"latitude\":24.7136,\"longitude\":46.6753,\"name\":\"Kingdom Centre\",\"address\":\"Riyadh\"}",
                        "Kingdom Centre, Riyadh"},
                new Object[]{"contacts", "[{\"name\":{\"formatted_name\":\"Sara Ali\"},\"phones\":[{\"phone\":\"+966500000000\"}]}]", "Sara Ali"},
                new Object[]{"interactive", "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"yes\",\"title\":\"Yes please\"}}", "Yes please"},
                new Object[]{"button", "{\"payload\":\"P\",\"text\":\"Stop promotions\"}", "Stop promotions"},
                new Object[]{"reaction", "{\"message_id\":\"wamid.X\",\"emoji\":\"👍\"}", "👍"},
                new Object[]{"order", "{\"catalog_id\":\"c\",\"text\":\"two please\",\"product_items\":[]}", "two please"},
                new Object[]{"system", "{\"body\":\"number changed\",\"type\":\"user_changed_number\"}", "number changed"},
                new Object[]{"referral", "{\"source_type\":\"ad\",\"headline\":\"Sale\",\"body\":\"50% off\"}", "Sale, 50% off"});
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyTypeMapsTheSameWithAndWithoutItsTypeField(String type, String content, String shown) {
        Document body = Document.parse("{\"x\":" + content + "}");
        Document declared = new Document("from", "966500000001").append("id", "wamid." + type).append("timestamp", "1700000000")
                .append("type", type).append(type, body.get("x"));
        Document inferred = new Document(declared);
        inferred.remove("type");
        for (Document message : List.of(declared, inferred)) {
            Document mapped = WhatsAppMapping.inbound(message, PHONE, null, Map.of());
            assertThat(mapped.getString("message_type")).as(message.toJson()).isEqualTo(type);
            assertThat(mapped.getString("content")).isEqualTo(shown == null && type.equals("text") ? "" : shown);
            assertThat(mapped.get("metadata", Document.class).getString("whatsapp_type")).isEqualTo(type);
        }
    }

    @Test
    void keysParleyDoesNotReadAreKeptAndAnUnknownTypesContentToo() {
        Document message = Document.parse("{\"from\":\"1\",\"id\":\"wamid.new\",\"timestamp\":\"1700000000\",\"type\":\"poll\","
                + "\"poll\":{\"question\":\"tea?\"},\"brand_new_field\":{\"a\":1}}");
        Document mapped = WhatsAppMapping.inbound(message, PHONE, null, Map.of());
        assertThat(mapped.getString("message_type")).isEqualTo("unknown");
        Document metadata = mapped.get("metadata", Document.class);
        assertThat(metadata.getString("whatsapp_type")).isEqualTo("poll");
        assertThat(metadata.get("poll", Document.class).getString("question")).isEqualTo("tea?");
        assertThat(metadata.get("brand_new_field", Document.class).get("a")).isEqualTo(1);
        assertThat(WhatsAppMapping.type(Document.parse("{\"from\":\"1\"}"))).isEqualTo("unknown");
    }

    /** A location message stored as {@code unknown} by an earlier Parley is repaired by replaying its stored payload. */
    @Test
    void aReplayRepairsMessagesStoredAsUnknown() {
        String payload = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"w\",\"changes\":[{\"field\":\"messages\",\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"" + PHONE + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Sara\"},\"wa_id\":\"966500000009\"}],"
                + "\"messages\":[{\"from\":\"966500000009\",\"id\":\"wamid.loc-replay\",\"timestamp\":\"1700000000\","
                + "\"location\":{\"latitude\":21.42,\"longitude\":39.82,\"name\":\"Old Town\",\"address\":\"Jeddah\"}}]}}]}]}";
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        // an earlier Parley kept the payload and stored its message as unknown, without content
        parley.get().rawWebhooks().store("whatsapp", body, WebhookSignature.sign(body, SECRET), true, List.of(TENANT));
        var messages = parley.get().tenant(TENANT).messages();
        messages.log(new Document("message_id", "wamid.loc-replay").append("conversation_id", "966500000009")
                .append("direction", "inbound").append("message_type", "unknown").append("metadata", new Document("whatsapp_type", "unknown")));
        assertThat(messages.get("wamid.loc-replay").getString("message_type")).isEqualTo("unknown");

        parley.get().whatsAppWebhook().replayAll(null, TENANT, r -> { });
        Document repaired = messages.get("wamid.loc-replay");
        assertThat(repaired.getString("message_type")).isEqualTo("location");
        assertThat(repaired.getString("content")).isEqualTo("Old Town, Jeddah");
        assertThat(repaired.get("metadata", Document.class).getString("profile_name")).isEqualTo("Sara");
    }
}
