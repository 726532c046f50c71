package dev.parley.webhooks;

import dev.parley.Parley;
import dev.parley.ParleyConfig;
import org.bson.Document;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;

/**
 * Child process of {@link WebhookKillTest}: receives signed single-status WhatsApp deliveries
 * from several threads on an H2 data directory (acknowledged once applied, or once logged when
 * the third argument is {@code logged}) and prints {@code <message id> <raw id>} the moment
 * each is acknowledged (answered 200).
 */
public final class WebhookDeliveryWriter {

    static final String TENANT = "kill-wa";
    static final String PHONE = "106540352288001";
    static final String SECRET = "kill-test-app-secret";
    static final String LOG = "webhook-log";

    public static void main(String[] args) throws Exception {
        Parley parley = Parley.connect(ParleyConfig.from(Map.of("PARLEY_DATA_DIR", args[0], "PARLEY_EMBEDDED", "h2")));
        parley.initDb();
        if (parley.tenants().find(TENANT).isEmpty()) {
            parley.tenants().create(TENANT, null, null);
        }
        parley.channels().registerWhatsApp(TENANT, PHONE, new Document("app_secret", SECRET).append("verify_token", "kill-token"));
        WhatsAppWebhook webhook = parley.whatsAppWebhook();
        if (args.length > 2 && "logged".equals(args[2])) {
            webhook.logDeliveries(Path.of(args[0]).resolve(LOG), 16 << 20);
        }
        PrintStream out = System.out;
        out.println("READY");
        out.flush();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            new Thread(() -> {
                for (int i = 0; ; i++) {
                    String id = "wamid." + args[1] + "-" + thread + "-" + i / 2;
                    byte[] body = delivery(id, i % 2 == 0 ? "sent" : "delivered", 1_767_600_000L + i).getBytes(StandardCharsets.UTF_8);
                    WhatsAppWebhook.Receipt receipt = webhook.receive(body, sign(body));
                    if (receipt.status() == 200) {
                        synchronized (out) {
                            out.println(id + " " + (i % 2 == 0 ? "sent" : "delivered") + " " + receipt.rawId());
                            out.flush();
                        }
                    }
                }
            }).start();
        }
        Thread.sleep(Long.MAX_VALUE);
    }

    static String delivery(String messageId, String status, long second) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\""
                + PHONE + "\"},\"statuses\":[{\"id\":\"" + messageId + "\",\"status\":\"" + status + "\",\"timestamp\":\""
                + second + "\",\"recipient_id\":\"16505550100\"}]},\"field\":\"messages\"}]}]}";
    }

    static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
