package dev.parley.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Headers every answer carries, set before anything can answer (a refusal included): no MIME
 * sniffing, no framing (clickjacking), no referrer. The dashboard may load only its own scripts,
 * styles and API (Chart.js is served from the jar); API answers may load nothing and are never
 * cached, since they carry a tenant's data to a bearer of credentials.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeadersFilter extends OncePerRequestFilter {

    static final String DASHBOARD_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'";
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Swagger UI sets inline styles (never inline scripts): the dashboard's policy with those allowed. */
    static final String API_DOCS_POLICY = DASHBOARD_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        boolean api = path.startsWith("/api/") || path.startsWith("/webhooks/") || path.startsWith("/actuator")
                || path.startsWith("/health") || path.equals("/mongodb-test");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy", api ? API_POLICY : path.startsWith("/swagger-ui") ? API_DOCS_POLICY : DASHBOARD_POLICY);
        if (path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        }
        chain.doFilter(request, response);
    }

    /** Error pages the container renders are answers too. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
