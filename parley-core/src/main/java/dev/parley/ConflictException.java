package dev.parley;

/** A write that would clash with what is stored (e.g. a duplicate key); the server turns it into a 409. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
