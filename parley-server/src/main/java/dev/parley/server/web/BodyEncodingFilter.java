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
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;

/**
 * Refuses a Content-Type no body can have (a wildcard, a malformed one) with 415, and JSON and
 * text bodies whose bytes are not valid in their charset (UTF-8 unless the
 * Content-Type names another) while they are read, instead of letting the body's reader replace
 * bad bytes with U+FFFD and store a changed text. Form bodies are decoded (strictly) by the
 * servlet container; multipart and binary bodies are not text, and an import's upload is a file.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class BodyEncodingFilter extends OncePerRequestFilter {

    /** How an upload's bytes decode is its import format's business (reported as line errors). */
    private static final String IMPORTS = "/api/v1/imports";

    private final ProblemWriter problems;

    BodyEncodingFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && !concrete(contentType)) {
            problems.write(response, Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Content-Type must name one media type, such as application/json"));
            return;
        }
        Charset charset = request.getRequestURI().equals(IMPORTS) ? null : textCharset(contentType);
        chain.doFilter(charset == null ? request : new WrappedBodyRequest(request, in -> new DecodingStream(in, charset)), response);
    }

    /** A media type a body can have: parseable, and no wildcard (Spring's readers fail on one with an internal error). */
    private static boolean concrete(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return !type.isWildcardType() && !type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** The charset a text body is in, or null when the body is not text (or names no charset Java knows). */
    static Charset textCharset(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
        boolean text = type.isEmpty() || type.startsWith("text/") || type.startsWith("application/json")
                || type.matches("application/[^;]*\\+json.*");
        if (!text) {
            return null;
        }
        int at = type.indexOf("charset=");
        if (at < 0) {
            return StandardCharsets.UTF_8;
        }
        String name = type.substring(at + 8).split(";", 2)[0].strip().replace("\"", "");
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null; // the body's reader refuses the charset itself (415)
        }
    }

    /** Passes bytes through unchanged, decoding them on the side to find the first invalid one. */
    private static final class DecodingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final Charset charset;
        private final CharsetDecoder decoder;
        private final CharBuffer sink = CharBuffer.allocate(4096);
        private byte[] carried = new byte[0];
        private long decoded;
        private boolean ended;

        DecodingStream(ServletInputStream in, Charset charset) {
            this.in = in;
            this.charset = charset;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                check(buffer, offset, n, false);
            } else if (n < 0 && !ended) {
                ended = true;
                check(buffer, offset, 0, true);
            }
            return n;
        }

        private void check(byte[] buffer, int offset, int length, boolean end) throws IOException {
            ByteBuffer bytes = ByteBuffer.allocate(carried.length + length).put(carried).put(buffer, offset, length).flip();
            long start = decoded - carried.length;
            while (true) {
                CoderResult result = decoder.decode(bytes, sink, end);
                sink.clear();
                if (result.isError()) {
                    throw new MalformedBodyException("is not valid " + charset.name() + " (byte " + (start + bytes.position()) + ")");
                }
                if (result.isUnderflow()) {
                    break;
                }
            }
            if (end && decoder.flush(sink).isError()) {
                throw new MalformedBodyException("is not valid " + charset.name() + " (it ends inside a character)");
            }
            decoded = start + bytes.limit();
            carried = new byte[bytes.remaining()]; // the start of a character the next read completes
            bytes.get(carried);
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
