package dev.parley.server.web;

import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;
import java.util.function.UnaryOperator;

/** A request whose body is read through a stream that watches it (its size, its encoding), made on first read. */
final class WrappedBodyRequest extends HttpServletRequestWrapper {

    private final UnaryOperator<ServletInputStream> wrapper;
    private ServletInputStream stream;

    WrappedBodyRequest(HttpServletRequest request, UnaryOperator<ServletInputStream> wrapper) {
        super(request);
        this.wrapper = wrapper;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = wrapper.apply(super.getInputStream());
        }
        return stream;
    }
}
