package dev.parley.server.web;

/** Redis is configured but not answering and the request cannot be decided without it (503). */
public class PlatformUnavailable extends RuntimeException {

    public PlatformUnavailable(String message) {
        super(message);
    }
}
