package dev.parley.server.web;

import java.io.IOException;

/** A request body whose bytes are not valid in its charset; an IOException so body readers pass it up. */
public class MalformedBodyException extends IOException {

    public MalformedBodyException(String reason) {
        super(reason);
    }
}
