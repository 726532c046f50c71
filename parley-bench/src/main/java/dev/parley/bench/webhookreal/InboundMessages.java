package dev.parley.bench.webhookreal;

import java.util.List;
import java.util.Random;

/**
 * Inbound WhatsApp messages of every type Meta sends, as its Cloud API samples show them
 * (location and contacts without {@code type}, as in Meta's own collection), each with the
 * {@code message_type} Parley must store.
 */
final class InboundMessages {

    /** A message's JSON and the type Parley must store it as. */
    record Made(String json, String expectedType) {
    }

    /** Every kind sent, uniformly; {@code unsupported} is stored as {@code unknown}. */
    static final List<String> KINDS = List.of("text", "referral", "image", "audio", "video", "document", "sticker",
            "location", "contacts", "interactive", "button", "reaction", "order", "system", "unsupported");

    private InboundMessages() {
    }

    static Made make(String kind, String id, String from, long epochSecond, Random random) {
        String head = "{\"from\":\"" + from + "\",\"id\":\"" + id + "\",\"timestamp\":\"" + epochSecond + "\"";
        String media = "\"mime_type\":\"%s\",\"sha256\":\"" + Long.toHexString(random.nextLong()) + "\",\"id\":\""
                + (1_000_000_000L + random.nextInt(1_000_000_000)) + "\"";
        return switch (kind) {
            case "text" -> typed(head, "text", "{\"body\":\"" + Words.sentence(random) + "\"}", "text");
            case "referral" -> new Made(head + ",\"type\":\"text\",\"text\":{\"body\":\"" + Words.sentence(random)
                    + "\"},\"referral\":{\"source_url\":\"https://fb.me/ad\",\"source_id\":\"120\",\"source_type\":\"ad\","
                    + "\"headline\":\"Spring sale\",\"body\":\"Half price\",\"media_type\":\"image\",\"ctwa_clid\":\"ARAk\"}}", "text");
            case "image" -> typed(head, "image", "{\"caption\":\"" + Words.sentence(random) + "\","
                    + media.formatted("image/jpeg") + "}", "image");
            case "audio" -> typed(head, "audio", "{" + media.formatted("audio/ogg; codecs=opus") + ",\"voice\":true}", "audio");
            case "video" -> typed(head, "video", "{" + media.formatted("video/mp4") + "}", "video");
            case "document" -> typed(head, "document", "{\"caption\":\"invoice\",\"filename\":\"invoice.pdf\","
                    + media.formatted("application/pdf") + "}", "document");
            case "sticker" -> typed(head, "sticker", "{" + media.formatted("image/webp") + ",\"animated\":false}", "sticker");
            case "location" -> new Made(head + ",\"location\":{\"latitude\":24.7136,\"longitude\":46.6753,"
                    + "\"name\":\"Kingdom Centre\",\"address\":\"Riyadh\"}}", "location");
            case "contacts" -> new Made(head + ",\"contacts\":[{\"name\":{\"formatted_name\":\"Sara Ali\",\"first_name\":\"Sara\"},"
                    + "\"phones\":[{\"phone\":\"+966 50 000 0000\",\"type\":\"CELL\",\"wa_id\":\"966500000000\"}]}]}", "contacts");
            case "interactive" -> typed(head, "interactive", random.nextBoolean()
                    ? "{\"type\":\"button_reply\",\"button_reply\":{\"id\":\"yes\",\"title\":\"Yes please\"}}"
                    : "{\"type\":\"list_reply\",\"list_reply\":{\"id\":\"row-2\",\"title\":\"Track my order\",\"description\":\"status\"}}",
                    "interactive");
            case "button" -> new Made(head + ",\"context\":{\"from\":\"" + MetaPayloads.DISPLAY_NUMBER + "\",\"id\":\"wamid.ctx"
                    + random.nextInt(1_000) + "\"},\"type\":\"button\",\"button\":{\"payload\":\"STOP\",\"text\":\"Stop promotions\"}}", "button");
            case "reaction" -> typed(head, "reaction", "{\"message_id\":\"wamid.r" + random.nextInt(1_000) + "\",\"emoji\":\"\\ud83d\\udc4d\"}",
                    "reaction");
            case "order" -> typed(head, "order", "{\"catalog_id\":\"cat-1\",\"text\":\"two please\",\"product_items\":[{"
                    + "\"product_retailer_id\":\"sku-" + random.nextInt(100) + "\",\"quantity\":\"2\",\"item_price\":\"9.99\","
                    + "\"currency\":\"USD\"}]}", "order");
            case "system" -> typed(head, "system", "{\"body\":\"User changed number\",\"wa_id\":\"" + from
                    + "\",\"type\":\"customer_changed_number\"}", "system");
            case "unsupported" -> new Made(head + ",\"type\":\"unsupported\",\"errors\":[{\"code\":131051,"
                    + "\"title\":\"Message type unknown\",\"message\":\"Message type unknown\"}]}", "unknown");
            default -> throw new IllegalArgumentException("no inbound kind " + kind);
        };
    }

    private static Made typed(String head, String type, String content, String expected) {
        return new Made(head + ",\"type\":\"" + type + "\",\"" + type + "\":" + content + "}", expected);
    }
}
