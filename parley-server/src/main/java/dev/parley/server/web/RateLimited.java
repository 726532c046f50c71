package dev.parley.server.web;

import dev.parley.platform.RateDecision;

/** A call over its budget: 429 with Retry-After and the RateLimit headers. */
public class RateLimited extends RuntimeException {

    private final transient RateDecision decision;

    public RateLimited(String message, RateDecision decision) {
        super(message);
        this.decision = decision;
    }

    public RateDecision decision() {
        return decision;
    }
}
