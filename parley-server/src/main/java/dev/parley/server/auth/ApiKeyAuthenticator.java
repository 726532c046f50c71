package dev.parley.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.parley.tenancy.TenantRegistry;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Resolves an API key to its tenant. Known keys are cached briefly so the hot path costs no
 * MongoDB round trip; a rotated key stops working here at once and on other instances within
 * the cache lifetime.
 */
@Component
public class ApiKeyAuthenticator {

    private final TenantRegistry registry;
    private final Cache<String, String> known = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    ApiKeyAuthenticator(TenantRegistry registry) {
        this.registry = registry;
    }

    public Optional<String> tenantOf(String apiKey) {
        String tenant = known.getIfPresent(apiKey);
        if (tenant != null) {
            return Optional.of(tenant);
        }
        Optional<String> found = registry.authenticate(apiKey);
        found.ifPresent(t -> known.put(apiKey, t));
        return found;
    }

    /** Forgets cached keys, e.g. after a rotation. */
    public void forgetAll() {
        known.invalidateAll();
    }
}
