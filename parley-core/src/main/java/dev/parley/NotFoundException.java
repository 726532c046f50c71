package dev.parley;

/** A named thing that does not exist for the caller's tenant; the server turns it into a 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
