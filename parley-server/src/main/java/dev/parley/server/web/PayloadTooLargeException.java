package dev.parley.server.web;

import java.io.IOException;

/** A request body beyond the configured limit; an IOException so body readers pass it up. */
public class PayloadTooLargeException extends IOException {

    public PayloadTooLargeException(long limit) {
        super("request body is larger than " + limit + " bytes");
    }
}
