package dev.parley.server.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.Locale;

/**
 * Provider webhooks: the address providers call ({@code PARLEY_PUBLIC_URL}; empty: the request's
 * URL), and the budgets of deliveries naming no registered number or account
 * ({@code PARLEY_UNROUTED_*}, see {@link UnroutedBudgets}).
 */
@ConfigurationProperties("parley")
public record WebhookSettings(@DefaultValue("") String publicUrl, @DefaultValue Unrouted unrouted,
                              @DefaultValue("auto") String webhookAck,
                              @DefaultValue("4194304") long webhookUnappliedBytes) {

    /**
     * Whether a WhatsApp delivery is answered once logged ({@code PARLEY_WEBHOOK_ACK=logged}) or
     * once applied to the store ({@code applied}); {@code auto}: logged on the embedded store,
     * whose files are on this machine like the log's, applied on an external MongoDB, where a
     * local log would add a disk that must outlive the process.
     */
    public boolean acknowledgeWhenLogged(boolean embeddedStore) {
        return switch (webhookAck.trim().toLowerCase(Locale.ROOT)) {
            case "logged" -> true;
            case "applied" -> false;
            case "auto", "" -> embeddedStore;
            default -> throw new IllegalArgumentException("PARLEY_WEBHOOK_ACK must be logged, applied or auto, not " + webhookAck);
        };
    }

    /**
     * Unrouted deliveries kept per sender address ({@code PARLEY_UNROUTED_LIMIT_ADDRESS}) and per
     * unknown id ({@code PARLEY_UNROUTED_LIMIT_ID}); bytes kept of each body
     * ({@code PARLEY_UNROUTED_PREFIX_BYTES}) and of all ({@code PARLEY_UNROUTED_MAX_BYTES}).
     */
    public record Unrouted(@DefaultValue("60/1m") String limitAddress, @DefaultValue("100/1h") String limitId,
                           @DefaultValue("16384") int prefixBytes, @DefaultValue("67108864") long maxBytes) {
    }
}
