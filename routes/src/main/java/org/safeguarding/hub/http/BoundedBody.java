package org.safeguarding.hub.http;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import java.io.IOException;

/**
 * A request whose body (one without a declared {@code Content-Length}, i.e. chunked) is refused as
 * soon as reading it passes {@code maxBytes} bytes: the reader's next read calls {@code tooLarge},
 * which throws the caller's own refusal (the API's problem+json 413, the FHIR server's
 * OperationOutcome 413). One counting stream for every endpoint that bounds its body; a package of
 * its own so that both {@code security} and {@code fhir} use it without depending on each other.
 */
public final class BoundedBody extends HttpServletRequestWrapper {

    /** Throws the refusal of a body over the limit. */
    @FunctionalInterface
    public interface TooLarge {
        void refuse() throws IOException;
    }

    private final long maxBytes;
    private final TooLarge tooLarge;
    private ServletInputStream stream;

    public BoundedBody(HttpServletRequest request, long maxBytes, TooLarge tooLarge) {
        super(request);
        this.maxBytes = maxBytes;
        this.tooLarge = tooLarge;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new Counting(super.getInputStream());
        }
        return stream;
    }

    private final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private long read;

        Counting(ServletInputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            count(Math.max(n, 0));
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > maxBytes) {
                tooLarge.refuse();
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
