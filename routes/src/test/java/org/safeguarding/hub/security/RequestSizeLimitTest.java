package org.safeguarding.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bodies without a declared length (chunked) are cut off once the reader passes the limit. */
class RequestSizeLimitTest {

    @Test
    void aChunkedBodyOverTheLimitFailsWhileBeingRead() throws Exception {
        AtomicReference<HttpServletRequest> passedOn = new AtomicReference<>();
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/x") {
            @Override
            public long getContentLengthLong() {
                return -1; // what Tomcat says for Transfer-Encoding: chunked
            }
        };
        chunked.setContent("0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII));

        new RequestSizeLimit(10).doFilter(chunked, new MockHttpServletResponse(), (req, res) -> passedOn.set((HttpServletRequest) req));

        // 16 bytes against a limit of 10: the first 10 read, the 11th fails
        var in = passedOn.get().getInputStream();
        assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
        assertThatThrownBy(in::read).isInstanceOf(RequestTooLarge.class);
    }

    @Test
    void aBodyWithinTheLimitPassesUntouched() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        request.setContent("0123456789".getBytes(StandardCharsets.US_ASCII));
        AtomicReference<HttpServletRequest> passedOn = new AtomicReference<>();
        MockHttpServletResponse response = new MockHttpServletResponse();

        new RequestSizeLimit(10).doFilter(request, response, (req, res) -> passedOn.set((HttpServletRequest) req));

        assertThat(passedOn.get().getInputStream().readAllBytes()).hasSize(10);
        assertThat(response.getStatus()).isEqualTo(200);
    }
}
