package dev.parley.server.webhooks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Provider webhooks: the address providers call ({@code PARLEY_PUBLIC_URL}; empty: the request's
 * URL), and the budgets of deliveries naming no registered number or account
 * ({@code PARLEY_UNROUTED_*}, see {@link UnroutedBudgets}).
 */
@ConfigurationProperties("parley")
public record WebhookSettings(@DefaultValue("") String publicUrl, @DefaultValue Unrouted unrouted) {

    /**
     * Unrouted deliveries kept per sender address ({@code PARLEY_UNROUTED_LIMIT_ADDRESS}) and per
     * unknown id ({@code PARLEY_UNROUTED_LIMIT_ID}); bytes kept of each body
     * ({@code PARLEY_UNROUTED_PREFIX_BYTES}) and of all ({@code PARLEY_UNROUTED_MAX_BYTES}).
     */
    public record Unrouted(@DefaultValue("60/1m") String limitAddress, @DefaultValue("100/1h") String limitId,
                           @DefaultValue("16384") int prefixBytes, @DefaultValue("67108864") long maxBytes) {
    }
}
