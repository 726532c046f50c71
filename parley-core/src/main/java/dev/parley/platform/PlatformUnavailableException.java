package dev.parley.platform;

/** Redis is configured but did not answer; callers decide whether that fails open or closed. */
public class PlatformUnavailableException extends RuntimeException {

    public PlatformUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
