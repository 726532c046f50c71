package dev.parley.server.auth;

import dev.parley.server.web.AuthenticationFailure;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Operator routes: allowed only with PARLEY_ADMIN_KEY, compared in constant time. */
@Component
class AdminKeyInterceptor implements HandlerInterceptor {

    private final byte[] adminKey;

    AdminKeyInterceptor(@Value("${PARLEY_ADMIN_KEY:}") String adminKey) {
        this.adminKey = adminKey.isBlank() ? null : adminKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String key = Credentials.presented(request);
        if (key == null || key.isEmpty()) {
            throw new AuthenticationFailure(HttpStatus.UNAUTHORIZED, "the admin key is required for this route");
        }
        if (adminKey == null) {
            throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "admin routes are disabled: set PARLEY_ADMIN_KEY");
        }
        if (!MessageDigest.isEqual(adminKey, key.getBytes(StandardCharsets.UTF_8))) {
            throw new AuthenticationFailure(HttpStatus.FORBIDDEN, "this route needs the admin key");
        }
        return true;
    }
}
