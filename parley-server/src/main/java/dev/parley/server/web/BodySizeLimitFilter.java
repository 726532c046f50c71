package dev.parley.server.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import dev.parley.imports.Imports;

/**
 * Refuses bodies over PARLEY_MAX_BODY_BYTES (default 10 MiB; webhooks: 1 MiB; imports: 1 GiB) with 413: at
 * once when Content-Length says so, and while reading when a chunked body grows past it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimitFilter extends OncePerRequestFilter {

    static final long WEBHOOK_LIMIT = 1 << 20;
    /** Imports are streamed to disk: up to 1 GiB (and a little for a multipart envelope). */
    static final long IMPORT_LIMIT = Imports.MAX_BYTES + (1 << 20);

    private final long apiLimit;
    private final ProblemWriter problems;

    BodySizeLimitFilter(WebSettings settings, ProblemWriter problems) {
        this.apiLimit = settings.maxBodyBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long limit = path.startsWith("/webhooks/") ? WEBHOOK_LIMIT : path.equals("/api/v1/imports") ? IMPORT_LIMIT : apiLimit;
        if (request.getContentLengthLong() > limit) {
            problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large",
                    "request body is larger than " + limit + " bytes"));
            return;
        }
        chain.doFilter(new WrappedBodyRequest(request, in -> new CountingStream(in, limit)), response);
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
