package dev.parley.bench.webhookreal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

/**
 * Meta's WhatsApp Cloud API webhook bodies, shaped as Meta sends them (statuses with conversation,
 * pricing and errors; inbound messages with the contact's profile), signed with the app secret
 * into {@code X-Hub-Signature-256}, and wrapped into HTTP requests.
 */
final class MetaPayloads {

    static final String PATH = "/webhooks/whatsapp";
    static final String DISPLAY_NUMBER = "15550783881";

    private final String phoneNumberId;
    private final String appSecret;
    private final String host;

    MetaPayloads(String phoneNumberId, String appSecret, String host) {
        this.phoneNumberId = phoneNumberId;
        this.appSecret = appSecret;
        this.host = host;
    }

    /** A signed delivery of {@code statuses}, each with its recipient. */
    byte[] statusRequest(List<Delivery.StatusSent> statuses, List<String> recipients, boolean validSignature) {
        StringBuilder out = open(320 * statuses.size());
        out.append("\"statuses\":[");
        for (int i = 0; i < statuses.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            status(out, statuses.get(i), recipients.get(i));
        }
        out.append(']');
        return request(close(out), validSignature);
    }

    /** A signed delivery of one inbound message whose content is {@code messageJson}. */
    byte[] inboundRequest(String from, String profileName, String messageJson) {
        StringBuilder out = open(messageJson.length() + 200);
        out.append("\"contacts\":[{\"profile\":{\"name\":\"").append(profileName).append("\"},\"wa_id\":\"").append(from)
                .append("\"}],\"messages\":[").append(messageJson).append(']');
        return request(close(out), true);
    }

    private StringBuilder open(int size) {
        return new StringBuilder(size + 400)
                .append("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{")
                .append("\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"")
                .append(DISPLAY_NUMBER).append("\",\"phone_number_id\":\"").append(phoneNumberId).append("\"},");
    }

    private static byte[] close(StringBuilder out) {
        return out.append("},\"field\":\"messages\"}]}]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void status(StringBuilder out, Delivery.StatusSent status, String recipient) {
        out.append("{\"id\":\"").append(status.messageId()).append("\",\"status\":\"").append(status.status())
                .append("\",\"timestamp\":\"").append(status.epochSecond()).append("\",\"recipient_id\":\"")
                .append(recipient).append('"');
        if (status.status().equals("sent") || status.status().equals("delivered")) {
            // Meta sends the conversation and pricing with sent and delivered
            out.append(",\"conversation\":{\"id\":\"c").append(Integer.toHexString(recipient.hashCode()))
                    .append("\",\"origin\":{\"type\":\"marketing\"}");
            if (status.status().equals("sent")) {
                out.append(",\"expiration_timestamp\":\"").append(status.epochSecond() + 86_400).append('"');
            }
            out.append("},\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"marketing\",\"type\":\"regular\"}");
        } else if (status.status().equals("failed")) {
            out.append(",\"errors\":[{\"code\":131026,\"title\":\"Message undeliverable\",\"message\":\"Message undeliverable\",")
                    .append("\"error_data\":{\"details\":\"Message Undeliverable.\"}}]");
        }
        out.append('}');
    }

    private byte[] request(byte[] body, boolean validSignature) {
        String signature = validSignature ? sign(body) : "sha256=" + "0".repeat(64);
        return HttpConnection.request("POST", PATH, host, new String[] {"Content-Type", "application/json",
                "User-Agent", "facebookexternalua", "X-Hub-Signature-256", signature}, body);
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
