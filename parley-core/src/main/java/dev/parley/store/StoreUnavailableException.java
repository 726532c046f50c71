package dev.parley.store;

/** The store cannot be reached or cannot confirm a write; the server answers 503 with Retry-After. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
