package org.safeguarding.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safeguarding.hub.http.BoundedBody;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Refuses request bodies over the configured size with 413 before they are read: at once when
 * {@code Content-Length} says so, otherwise (chunked bodies) as soon as the reader passes the limit.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

    private final long maxBytes;

    RequestSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            SecurityProblems.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    "The request body is " + request.getContentLengthLong() + " bytes; the hub accepts at most "
                            + maxBytes + " bytes.");
            return;
        }
        chain.doFilter(request.getContentLengthLong() < 0 ? new BoundedBody(request, maxBytes, () -> {
            throw new RequestTooLarge(maxBytes);
        }) : request, response);
    }
}
