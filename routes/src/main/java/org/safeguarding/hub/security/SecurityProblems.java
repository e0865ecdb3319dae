package org.safeguarding.hub.security;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safeguarding.hub.fhir.FhirServer;
import org.safeguarding.hub.fhir.OperationOutcomes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * 401 and 403 from the security filters as RFC 9457 {@code application/problem+json}, like every
 * other refusal; under the FHIR server as an {@code OperationOutcome}. The {@code WWW-Authenticate} header (RFC 6750) is kept; the body never says more
 * about why a token failed than the header does, and nothing about the hub's inside.
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(SecurityProblems.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
    private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        bearerEntryPoint.commence(request, response, e);
        log.info("Refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                e.getMessage());
        write(request, response, HttpStatus.UNAUTHORIZED, "Unauthorized",
                "This needs a valid bearer token from the hub's identity provider; the token is missing, expired, "
                        + "from another issuer, for another audience, or its signature does not verify.");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        bearerDenied.handle(request, response, e);
        write(request, response, HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.");
    }

    /** problem+json, or under the FHIR server ({@link FhirServer#answers}) an OperationOutcome as FHIR JSON. */
    static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                      String detail) throws IOException {
        if (FhirServer.answers(request)) {
            response.setStatus(status.value());
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(
                    OperationOutcomes.refusal(status.value(), detail, List.of())).getBytes(StandardCharsets.UTF_8));
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.value());
        body.put("detail", detail);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
