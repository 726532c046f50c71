package dev.parley.platform;

/**
 * A rate limiter's answer, with what the IETF RateLimit headers need.
 *
 * @param allowed        whether the call may go ahead
 * @param limit          the budget per window
 * @param remaining      what is left of it after this call
 * @param resetSeconds   seconds until the budget is whole again
 * @param retryAfterSeconds when refused: seconds until the call could succeed; 0 when allowed
 * @param degraded       the limiter's store could not answer and the configured failure mode decided
 */
public record RateDecision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds, boolean degraded) {
}
