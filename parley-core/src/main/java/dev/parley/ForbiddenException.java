package dev.parley;

/** The caller may not do this to that (e.g. act on a user whose role is above their own); the server answers 403. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
