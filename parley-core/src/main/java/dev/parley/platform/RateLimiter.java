package dev.parley.platform;

import java.time.Duration;

/** Admits or refuses a call charged to a key (user, API key, tenant, address) within a limit per window. */
public interface RateLimiter {

    /** Takes {@code cost} from {@code key}'s budget of {@code limit} per {@code window}. */
    RateDecision tryConsume(String key, long limit, Duration window, long cost);

    /** What is left of {@code key}'s budget, without taking anything. */
    RateDecision peek(String key, long limit, Duration window);
}
