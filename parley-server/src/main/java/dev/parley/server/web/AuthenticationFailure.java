package dev.parley.server.web;

import org.springframework.http.HttpStatus;

/** A request without valid credentials (401) or with credentials that do not allow it (403). */
public class AuthenticationFailure extends RuntimeException {

    private final HttpStatus status;

    public AuthenticationFailure(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }
}
