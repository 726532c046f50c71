package dev.parley.scans;

/**
 * A scan that could not read its source. The message says what failed and what to check;
 * {@code retryable} tells a scheduled scan whether the next round may succeed (an unreachable
 * n8n may come back, a rejected API key or a bad file line will not fix itself).
 */
public final class ScanException extends RuntimeException {

    private final boolean retryable;

    public ScanException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public ScanException(String message, boolean retryable) {
        this(message, retryable, null);
    }

    public boolean retryable() {
        return retryable;
    }
}
