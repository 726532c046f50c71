package dev.parley.server.webhooks;

import dev.parley.meters.ParleyMeters;
import dev.parley.platform.Platform;
import dev.parley.platform.RateDecision;
import dev.parley.server.auth.RateBudget;
import dev.parley.webhooks.UnroutedIntake;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * What the webhook endpoints keep of deliveries that name no registered number or account (no
 * signature can be checked, so anyone can send them): budgets per sender address
 * ({@code PARLEY_UNROUTED_LIMIT_ADDRESS}, 60/1m) and per unknown id ({@code PARLEY_UNROUTED_LIMIT_ID},
 * 100/1h), in the platform's rate limiter (Redis: shared by every instance); the first
 * {@code PARLEY_UNROUTED_PREFIX_BYTES} (16 KiB) of each body; {@code PARLEY_UNROUTED_MAX_BYTES}
 * (64 MiB) in all, the oldest making room. Registered, signed deliveries are never charged.
 */
@Component
class UnroutedBudgets {

    static final int MIN_PREFIX = 1_024;
    static final int MAX_PREFIX = 1 << 20;

    private final Platform platform;
    private final RateBudget perAddress;
    private final RateBudget perId;
    private final int prefixBytes;
    private final long maxBytes;

    UnroutedBudgets(Platform platform, WebhookSettings settings) {
        this.platform = platform;
        WebhookSettings.Unrouted unrouted = settings.unrouted();
        this.perAddress = required("PARLEY_UNROUTED_LIMIT_ADDRESS", unrouted.limitAddress());
        this.perId = required("PARLEY_UNROUTED_LIMIT_ID", unrouted.limitId());
        int prefixBytes = unrouted.prefixBytes();
        long maxBytes = unrouted.maxBytes();
        if (prefixBytes < MIN_PREFIX || prefixBytes > MAX_PREFIX) {
            throw new IllegalArgumentException("PARLEY_UNROUTED_PREFIX_BYTES must be between " + MIN_PREFIX + " and " + MAX_PREFIX);
        }
        if (maxBytes < prefixBytes) {
            throw new IllegalArgumentException("PARLEY_UNROUTED_MAX_BYTES must be at least PARLEY_UNROUTED_PREFIX_BYTES");
        }
        this.prefixBytes = prefixBytes;
        this.maxBytes = maxBytes;
    }

    private static RateBudget required(String name, String value) {
        return RateBudget.parse(name, value).orElseThrow(() -> new IllegalArgumentException(name + " must be set, e.g. 60/1m"));
    }

    /** The intake for a delivery from {@code request}'s address. */
    UnroutedIntake of(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return new UnroutedIntake() {
            @Override
            public boolean admit(String provider, List<String> unknownIds) {
                // the sender first: a flood from one address is stopped before it creates a bucket per made-up id
                if (!charge("unrouted_ip", "unrouted-ip:" + address, perAddress)) {
                    return false;
                }
                for (String id : unknownIds) {
                    if (!charge("unrouted_id", "unrouted-id:" + provider + ":" + id, perId)) {
                        return false;
                    }
                }
                return true;
            }

            @Override
            public int prefixBytes() {
                return prefixBytes;
            }

            @Override
            public long maxBytes() {
                return maxBytes;
            }

            @Override
            public String source() {
                return address;
            }
        };
    }

    /** Takes one from the budget; refused (or the limiter unreachable and failing closed) keeps nothing. */
    private boolean charge(String kind, String key, RateBudget budget) {
        RateDecision decision = platform.rateLimiter().tryConsume(key, budget.limit(), budget.window(), 1);
        ParleyMeters.rateLimit(kind, decision.degraded() ? "degraded" : decision.allowed() ? "allowed" : "refused");
        return decision.allowed();
    }
}
