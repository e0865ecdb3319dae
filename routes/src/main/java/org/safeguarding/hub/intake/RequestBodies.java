package org.safeguarding.hub.intake;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.fhir.BodyLimit;
import org.safeguarding.hub.web.HubProblem;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

/** Reads a request body up to the configured size (hub.intake.max-body-bytes), refusing larger ones with 413. */
@Component
class RequestBodies implements BodyLimit {

    private final long maxBytes;

    RequestBodies(IntakeProperties settings) {
        this.maxBytes = settings.maxBodyBytes();
    }

    @Override
    public long maxBytes() {
        return maxBytes;
    }

    byte[] read(HttpServletRequest request, List<String> acceptedTypes) throws IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        if (acceptedTypes.stream().noneMatch(type::startsWith)) {
            throw new HubProblem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                    "Content-Type '" + type + "' is not accepted here; use one of " + acceptedTypes);
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (out.size() + n > maxBytes) {
                    throw tooLarge();
                }
                out.write(buffer, 0, n);
            }
            if (out.size() == 0) {
                throw HubProblem.badRequest("The request body is empty.", "/");
            }
            return out.toByteArray();
        }
    }

    /** A body another reader took (the FHIR server's), held to the same limit: {@code body}, or 413. */
    byte[] bounded(byte[] body) {
        if (body.length > maxBytes) {
            throw tooLarge();
        }
        return body;
    }

    private HubProblem tooLarge() {
        return new HubProblem(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                "The body is larger than the " + maxBytes + " bytes a message may have; split the batch. Nothing was stored.");
    }
}
