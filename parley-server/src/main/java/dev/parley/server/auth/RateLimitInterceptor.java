package dev.parley.server.auth;

import dev.parley.meters.ParleyMeters;
import dev.parley.server.web.PlatformUnavailable;
import dev.parley.server.web.RateLimited;
import dev.parley.platform.Platform;
import dev.parley.tenancy.CredentialDigest;
import dev.parley.platform.RateDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Charges each {@code /api} call to its budgets: a user's {@code api_quota.api_calls_per_hour};
 * an API key's and a tenant's when configured ({@code PARLEY_RATE_LIMIT_API_KEY},
 * {@code PARLEY_RATE_LIMIT_TENANT}, e.g. {@code 100000/1h}); the caller's address on the public
 * login routes ({@code PARLEY_RATE_LIMIT_LOGIN}, 20/1m by default). Answers carry the IETF
 * {@code RateLimit-Limit/-Remaining/-Reset} headers of the tightest budget; a refused call gets
 * 429 with {@code Retry-After}. On Redis the budgets are shared by every instance.
 */
@Component
class RateLimitInterceptor implements HandlerInterceptor {

    private record Charge(String kind, String key, RateBudget budget) {
    }

    private final Platform platform;
    private final Optional<RateBudget> perApiKey;
    private final Optional<RateBudget> perTenant;
    private final Optional<RateBudget> perAddress;

    RateLimitInterceptor(Platform platform, AuthSettings settings) {
        this.platform = platform;
        this.perApiKey = RateBudget.parse("PARLEY_RATE_LIMIT_API_KEY", settings.rateLimitApiKey());
        this.perTenant = RateBudget.parse("PARLEY_RATE_LIMIT_TENANT", settings.rateLimitTenant());
        this.perAddress = RateBudget.parse("PARLEY_RATE_LIMIT_LOGIN", settings.rateLimitLogin());
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true;
        }
        RateDecision tightest = null;
        for (Charge charge : charges(request)) {
            RateDecision decision = platform.rateLimiter().tryConsume(charge.key(), charge.budget().limit(), charge.budget().window(), 1);
            ParleyMeters.rateLimit(charge.kind(), decision.degraded() ? "degraded" : decision.allowed() ? "allowed" : "refused");
            if (!decision.allowed()) {
                if (decision.degraded()) {
                    throw new PlatformUnavailable("the rate limiter cannot reach Redis and is configured to fail closed");
                }
                throw new RateLimited("rate limit of " + charge.budget().limit() + " calls per " + describe(charge.budget().window())
                        + " reached for this " + charge.kind().replace('_', ' ') + "; retry in " + decision.retryAfterSeconds() + " s", decision);
            }
            if (tightest == null || decision.remaining() < tightest.remaining()) {
                tightest = decision;
            }
        }
        if (tightest != null && !tightest.degraded()) {
            writeHeaders(response, tightest);
        }
        return true;
    }

    static void writeHeaders(HttpServletResponse response, RateDecision decision) {
        response.setHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.setHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.setHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
    }

    private List<Charge> charges(HttpServletRequest request) {
        List<Charge> charges = new ArrayList<>();
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) { // a public route: only the login routes are charged, to the caller's address
            if (request.getRequestURI().startsWith("/api/v1/auth/")) {
                perAddress.ifPresent(b -> charges.add(new Charge("ip", "ip:" + request.getRemoteAddr(), b)));
            }
            return charges;
        }
        if (caller.isUser()) {
            if (caller.quota() != null && caller.quota().apiCallsPerHour() > 0) {
                charges.add(new Charge("user", caller.budgetKey("user"),
                        new RateBudget(caller.quota().apiCallsPerHour(), Duration.ofHours(1))));
            }
        } else {
            // keyed by a digest, never by the key itself; computed only when API keys have budgets
            perApiKey.ifPresent(b -> charges.add(new Charge("api_key",
                    "key:" + CredentialDigest.digest(Credentials.presented(request)).substring(0, 32), b)));
        }
        perTenant.ifPresent(b -> charges.add(new Charge("tenant", "tenant:" + caller.tenant(), b)));
        return charges;
    }

    private static String describe(Duration window) {
        long s = window.toSeconds();
        return s % 86_400 == 0 ? s / 86_400 + " d" : s % 3_600 == 0 ? s / 3_600 + " h" : s % 60 == 0 ? s / 60 + " min" : s + " s";
    }
}
