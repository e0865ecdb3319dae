package org.safeguarding.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 exchange written byte for byte on a socket, for requests that {@code java.net.http}
 * refuses to send (a URL with {@code %ZZ}, a malformed header, a lying Content-Length).
 */
public final class RawHttp {

    private RawHttp() {
    }

    /**
     * Sends {@code request} (the whole message, CRLFs included, as ISO-8859-1 bytes) to 127.0.0.1:{@code port}
     * and returns everything the hub answers until it closes, decoded as UTF-8. Waits at most 10 s for a read.
     */
    public static String exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An HTTP/1.0 GET (so the answer is not chunked) of {@code target} as written (nothing re-encoded), with a bearer token when not null; closes after. */
    public static String get(int port, String target, String token) {
        return exchange(port, "GET " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Connection: close\r\n\r\n");
    }
}
