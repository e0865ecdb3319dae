package org.safeguarding.hub.web;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.safeguarding.hub.fhir.OperationOutcomes;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The hub's refusals thrown inside the FHIR server, answered as {@code OperationOutcome} with their
 * own status and words instead of HAPI's 500: {@link HubProblem} (status, detail, the fields it
 * names), the partnership checks' {@link ErrorResponseException} (403/404), method security's
 * {@link AccessDeniedException} (403), a form body Tomcat cannot decode (400), the firewall's {@link RequestRejectedException} (400) and a
 * statement timeout (503 with Retry-After, as ProblemResponses answers it), and HAPI's parser's NullPointerException
 * on a Bundle entry whose resource is null (400 naming {@code Bundle.entry.resource}), and a body HAPI's
 * parser cannot read (400 naming the element, without the value HAPI quoted: it may be a child's name).
 * HAPI wraps what a provider throws, so the cause chain is searched. Anything else stays HAPI's answer.
 * The FHIR server's counterpart of {@link ProblemResponses}; fhir.FhirServer registers it, as every {@code @Interceptor} bean.
 */
@Component
@Interceptor
class FhirRefusals {

    private static final Logger log = LoggerFactory.getLogger(FhirRefusals.class);
    /** HAPI's refusal of a request body its parser could not read ("Failed to parse request body ..."). */
    private static final String UNPARSABLE_BODY = "HAPI-0450";
    /** How HAPI's parser names the element it could not read: {@code [element="birthDate"]}. */
    private static final Pattern PARSED_ELEMENT = Pattern.compile("\\[element=\"([A-Za-z0-9_.\\[\\]-]{1,100})\"\\]");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException refusal(RequestDetails request, Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            BaseServerResponseException answer = answer(t);
            if (answer != null) {
                log.info("Refused {} {}: {} {}", request.getRequestType(), request.getCompleteUrl(),
                        answer.getStatusCode(), answer.getMessage());
                return answer;
            }
        }
        return null;
    }

    /** True when a frame of {@code t}'s stack is in {@code prefix} (a class or method name's start). */
    private static boolean thrownBy(Throwable t, String prefix) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if ((frame.getClassName() + "." + frame.getMethodName()).startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static BaseServerResponseException answer(Throwable t) {
        if (t instanceof HubProblem problem) {
            return OperationOutcomes.exception(problem.status().value(), problem.getMessage(),
                    problem.violations().stream().map(HubProblem.Violation::field).distinct().toList());
        }
        if (t instanceof ErrorResponseException refusal) {
            return OperationOutcomes.exception(refusal.getStatusCode().value(), refusal.getBody().getDetail(), List.of());
        }
        if (t instanceof AccessDeniedException) {
            return OperationOutcomes.exception(403, "Your role does not allow this.", List.of());
        }
        if (t instanceof RequestRejectedException) {
            // Spring Security's firewall, met when HAPI reads the parameters (a form body with odd names)
            return OperationOutcomes.exception(400, "The request was refused: a parameter name or value (of the query, "
                    + "or of a form body) is not allowed. Send FHIR as application/fhir+json or application/fhir+xml.",
                    List.of());
        }
        if (t instanceof InvalidParameterException) {
            // Tomcat decodes a form body's parameters when HAPI reads them
            return OperationOutcomes.exception(400, "A form parameter is not valid percent-encoded UTF-8.", List.of());
        }
        if (t instanceof DataFormatException || t instanceof InvalidRequestException
                && String.valueOf(t.getMessage()).startsWith(UNPARSABLE_BODY)) {
            // HAPI's parser quotes the value it could not read (a name, a number): the answer and the log
            // name the element only, as every other refusal does
            Matcher element = PARSED_ELEMENT.matcher(String.valueOf(t.getMessage()));
            String name = element.find() ? element.group(1) : null;
            return OperationOutcomes.exception(400, "The body is not FHIR the hub can read"
                    + (name == null ? "" : ": element '" + name + "' has a value of the wrong type or format")
                    + ". Nothing was stored.", name == null ? List.of() : List.of(name));
        }
        if (t instanceof AuthenticationException) {
            return OperationOutcomes.exception(401, "This needs a valid bearer token from the hub's identity provider.",
                    List.of());
        }
        if (t instanceof NullPointerException && thrownBy(t, "ca.uhn.fhir.parser.")) {
            // HAPI's parser stitching a Bundle whose entry has "resource": null (found by the hostile corpus)
            boolean entry = thrownBy(t, "ca.uhn.fhir.parser.ParserState$BasePreResourceState.stitchBundleCrossReferences");
            return OperationOutcomes.exception(400, "The body could not be read as FHIR: "
                    + (entry ? "a Bundle entry's resource is null; send the entry with its resource, or leave the entry out."
                    : "an element holds null where a value or resource is needed."),
                    entry ? List.of("Bundle.entry.resource") : List.of());
        }
        if (t instanceof IllegalArgumentException && thrownBy(t, "ca.uhn.fhir.util.BundleUtil.")) {
            // HAPI reads a Bundle entry's request.method as its own enum while parsing: a method it does not
            // know ("99999999999999999999999", found by the hostile corpus) throws there, before any rule of ours
            boolean method = String.valueOf(t.getMessage()).contains("RequestTypeEnum");
            return OperationOutcomes.exception(400, "The body could not be read as FHIR: " + (method
                    ? "a Bundle entry's request.method is not one of GET, HEAD, POST, PUT, DELETE, PATCH."
                    : "a Bundle entry could not be read.") + " Nothing was stored.",
                    method ? List.of("Bundle.entry.request.method") : List.of());
        }
        if (t instanceof QueryTimeoutException) {
            return OperationOutcomes.exception(503, "The hub stopped working on this request: it took longer than the hub "
                    + "allows, or the hub is shutting down. Nothing was stored. Try again later, or ask for less.", List.of())
                    .addResponseHeader("Retry-After", "30");
        }
        return null;
    }
}
