package dev.parley.server.imports;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code curl --data-binary @chat.txt} sends {@code application/x-www-form-urlencoded}. For an import
 * the body is the file, never form fields, but the servlet container would read it as parameters on
 * the first {@code getParameter} (Spring's {@code @RequestParam}) and leave nothing to import. Such
 * a request is passed on as {@code application/octet-stream}, its parameters from the query string only.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class FormEncodedImportFilter extends OncePerRequestFilter {

    static final String ROUTE = "/api/v1/imports";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("POST".equals(request.getMethod()) && ROUTE.equals(request.getRequestURI())
                && request.getContentType() != null
                && request.getContentType().toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new RawBody(request), response);
    }

    private static final class RawBody extends HttpServletRequestWrapper {

        private final Map<String, String[]> query;

        RawBody(HttpServletRequest request) {
            super(request);
            this.query = parse(request.getQueryString());
        }

        @Override
        public String getContentType() {
            return MediaType.APPLICATION_OCTET_STREAM_VALUE;
        }

        @Override
        public String getHeader(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getContentType())) : super.getHeaders(name);
        }

        @Override
        public String getParameter(String name) {
            String[] values = query.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Collections.unmodifiableMap(query);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(query.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return query.get(name);
        }

        private static Map<String, String[]> parse(String queryString) {
            Map<String, List<String>> values = new LinkedHashMap<>();
            if (queryString != null) {
                for (String pair : queryString.split("&")) {
                    if (!pair.isEmpty()) {
                        int eq = pair.indexOf('=');
                        String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                        String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                        values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
                    }
                }
            }
            Map<String, String[]> parsed = new LinkedHashMap<>();
            values.forEach((name, list) -> parsed.put(name, list.toArray(String[]::new)));
            return parsed;
        }
    }
}
