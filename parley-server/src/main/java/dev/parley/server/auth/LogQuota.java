package dev.parley.server.auth;

import dev.parley.platform.Platform;
import dev.parley.platform.RateDecision;
import dev.parley.server.web.RateLimited;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * A user's {@code api_quota.logs_per_day}: messages written through ingest and imports are
 * charged to it; once spent, more are refused with 429 until the day's budget is back. API keys
 * (machines) are not charged: their budgets are the configured rate limits.
 */
@Component
public class LogQuota {

    private final Platform platform;

    LogQuota(Platform platform) {
        this.platform = platform;
    }

    /** Charges {@code logs} to the caller's daily budget, or refuses all of them. */
    public void charge(Caller caller, long logs) {
        if (!budgeted(caller) || logs <= 0) {
            return;
        }
        RateDecision decision = platform.rateLimiter().tryConsume(caller.budgetKey("logs"), caller.quota().logsPerDay(), Duration.ofDays(1), logs);
        if (!decision.allowed() && !decision.degraded()) {
            throw new RateLimited("logs_per_day quota: " + logs + " more would pass the " + caller.quota().logsPerDay()
                    + " allowed today (" + decision.remaining() + " left)", decision);
        }
    }

    /** Refuses when nothing is left today (an import, whose size is known only once read). */
    public void requireSome(Caller caller) {
        if (!budgeted(caller)) {
            return;
        }
        RateDecision decision = platform.rateLimiter().peek(caller.budgetKey("logs"), caller.quota().logsPerDay(), Duration.ofDays(1));
        if (decision.remaining() <= 0 && !decision.degraded()) {
            throw new RateLimited("logs_per_day quota of " + caller.quota().logsPerDay() + " is spent for today", decision);
        }
    }

    /**
     * Takes up to {@code lines} from the caller's daily budget and says how many it may write (an
     * import's lines, charged batch by batch as the job reads them); all of them for API keys.
     */
    public long take(Caller caller, long lines) {
        if (!budgeted(caller) || lines <= 0) {
            return lines;
        }
        Duration day = Duration.ofDays(1);
        String key = caller.budgetKey("logs");
        RateDecision all = platform.rateLimiter().tryConsume(key, caller.quota().logsPerDay(), day, lines);
        if (all.allowed() || all.degraded()) {
            return lines;
        }
        long left = Math.min(lines, platform.rateLimiter().peek(key, caller.quota().logsPerDay(), day).remaining());
        return left > 0 && platform.rateLimiter().tryConsume(key, caller.quota().logsPerDay(), day, left).allowed() ? left : 0;
    }

    /** Users with a daily budget; API keys are not charged. */
    private static boolean budgeted(Caller caller) {
        return caller.isUser() && caller.quota() != null && caller.quota().logsPerDay() > 0;
    }
}
