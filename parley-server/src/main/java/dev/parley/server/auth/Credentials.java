package dev.parley.server.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** Reads the API key from {@code Authorization: Bearer …} or {@code X-API-Key}. */
final class Credentials {

    private Credentials() {
    }

    static String presented(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        String header = request.getHeader("X-API-Key");
        return header == null ? null : header.trim();
    }
}
