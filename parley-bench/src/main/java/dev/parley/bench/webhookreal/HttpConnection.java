package dev.parley.bench.webhookreal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection over a plain socket, owned by one sender thread: it writes
 * requests built up front and reads the status line, headers and body (Content-Length or
 * chunked). A load client this thin costs a fraction of the server's CPU per request, so the
 * figures are the server's, not the client's. Reconnects when the server closed the connection.
 */
final class HttpConnection implements AutoCloseable {

    /** An answer: its status and, when asked for, its body. */
    record Response(int status, byte[] body) {

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int TIMEOUT_MS = 60_000;

    private final InetSocketAddress address;
    private Socket socket;
    private OutputStream out;
    private InputStream in;

    HttpConnection(InetSocketAddress address) {
        this.address = address;
    }

    /** A request's bytes: request line, headers (with Content-Length) and body. */
    static byte[] request(String method, String path, String host, String[] headers, byte[] body) {
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n");
        for (int i = 0; i < headers.length; i += 2) {
            head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[start.length + body.length];
        System.arraycopy(start, 0, all, 0, start.length);
        System.arraycopy(body, 0, all, start.length, body.length);
        return all;
    }

    /** Sends {@code request} and reads the answer; one retry on a fresh connection if the old one was closed. */
    Response exchange(byte[] request, boolean keepBody) throws IOException {
        boolean reused = socket != null;
        try {
            return send(request, keepBody);
        } catch (IOException e) {
            close();
            if (!reused) {
                throw e;
            }
            return send(request, keepBody); // the server closed an idle keep-alive connection
        }
    }

    private Response send(byte[] request, boolean keepBody) throws IOException {
        if (socket == null) {
            open();
        }
        out.write(request);
        out.flush();
        int status = statusLine();
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        String line;
        while (!(line = line()).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> closeAfter = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            readChunked(body);
        } else if (length > 0) {
            copy(length, body);
        }
        if (closeAfter) {
            close();
        }
        return new Response(status, body == null ? new byte[0] : body.toByteArray());
    }

    private void open() throws IOException {
        Socket opened = new Socket();
        opened.setTcpNoDelay(true);
        opened.setSoTimeout(TIMEOUT_MS);
        opened.connect(address, TIMEOUT_MS);
        socket = opened;
        out = opened.getOutputStream();
        in = new BufferedInputStream(opened.getInputStream(), 16_384);
    }

    private int statusLine() throws IOException {
        String line = line();
        // "HTTP/1.1 200 " or "HTTP/1.1 200 OK"
        int space = line.indexOf(' ');
        if (space < 0 || line.length() < space + 4) {
            throw new IOException("not an HTTP status line: " + line);
        }
        return Integer.parseInt(line.substring(space + 1, space + 4));
    }

    private void readChunked(ByteArrayOutputStream body) throws IOException {
        while (true) {
            String sizeLine = line();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!line().isEmpty()) {
                    // trailers, if any
                }
                return;
            }
            copy(size, body);
            line(); // the CRLF after the chunk
        }
    }

    private void copy(long length, ByteArrayOutputStream body) throws IOException {
        byte[] buffer = new byte[8_192];
        long left = length;
        while (left > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (read < 0) {
                throw new EOFException("connection closed inside a body");
            }
            if (body != null) {
                body.write(buffer, 0, read);
            }
            left -= read;
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            socket = null;
        }
    }
}
