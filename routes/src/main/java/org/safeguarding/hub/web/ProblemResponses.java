package org.safeguarding.hub.web;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.safeguarding.hub.security.RequestTooLarge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/**
 * Every refusal is an RFC 9457 {@code application/problem+json} body that says what is wrong and
 * where; an unexpected failure is a 500 that says nothing about the inside of the hub.
 */
@RestControllerAdvice
public class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(HubProblem.class)
    ResponseEntity<ProblemDetail> hubProblem(HubProblem problem) {
        return respond(problem.status(), problem.title(), problem.getMessage(), problem.violations());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof RequestTooLarge tooLarge) {
            return tooLarge(tooLarge);
        }
        return respond(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The request body could not be read: it is not well-formed or has a value of the wrong type.", List.of());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type",
                "Content-Type " + e.getContentType() + " is not accepted here; use one of " + e.getSupportedMediaTypes(),
                List.of());
    }

    /** 405 with {@code Allow} naming the methods the address takes (RFC 9110 section 15.5.6). */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return withHeaders(respond(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", e.getMessage(), List.of()),
                e.getHeaders());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> parameter(Exception e) {
        String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return respond(HttpStatus.BAD_REQUEST, "Invalid request parameter", "Parameter '" + name + "' is missing or invalid.",
                List.of(new HubProblem.Violation(name, "missing or invalid")));
    }

    /** A query string Tomcat cannot decode ({@code ?status=%ZZ}): read lazily, so it fails inside the handler. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> undecodableParameter(InvalidParameterException e) {
        return respond(HttpStatus.BAD_REQUEST, "Invalid request parameter",
                "A query parameter is not valid percent-encoded UTF-8.", List.of());
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ProblemDetail> tooLarge(MaxUploadSizeExceededException e) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, "Request too large", "The request body is larger than the hub accepts.",
                List.of());
    }

    @ExceptionHandler(RequestTooLarge.class)
    ResponseEntity<ProblemDetail> tooLarge(RequestTooLarge e) {
        return respond(HttpStatus.CONTENT_TOO_LARGE, "Request too large", e.getMessage(), List.of());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e) {
        return respond(HttpStatus.FORBIDDEN, "Forbidden", "Your role does not allow this.", List.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return respond(HttpStatus.NOT_FOUND, "Not found", "There is nothing at this address.", List.of());
    }

    /**
     * A statement cancelled by PostgreSQL (SQLSTATE 57014): it ran past the request's statement
     * timeout (hub.bounds), or the hub is shutting down. 503 with {@code Retry-After}; the
     * transaction was rolled back, so nothing was stored.
     */
    @ExceptionHandler(QueryTimeoutException.class)
    ResponseEntity<ProblemDetail> timedOut(QueryTimeoutException e) {
        log.warn("A request's statement was cancelled (statement timeout or shutdown): {}", e.getMostSpecificCause().getMessage());
        return retryAfter(30, respond(HttpStatus.SERVICE_UNAVAILABLE, "Took too long",
                "The hub stopped working on this request: it took longer than the hub allows, or the hub is shutting "
                        + "down. Nothing was stored. Try again later, or ask for less (a shorter period).", List.of()));
    }

    /**
     * Work refused because the node is starting or stopping: its web server takes connections a moment
     * before its Camel routes have started, and keeps finishing requests after they stopped (Camel's
     * {@code RejectedExecutionException: CamelContext is stopped}). 503 with {@code Retry-After}, so that
     * the partner, or the balancer, tries again, there or on another node; nothing was stored. Found
     * by {@code cluster.ClusterTest} when a restarted node got intake before its routes were up.
     */
    @ExceptionHandler(RejectedExecutionException.class)
    ResponseEntity<ProblemDetail> notTakingWork(RejectedExecutionException e) {
        log.warn("Work refused while the hub starts or stops: {}", e.getMessage());
        return retryAfter(5, respond(HttpStatus.SERVICE_UNAVAILABLE, "Not ready",
                "The hub is starting or stopping and is not taking work just now; nothing was stored. Try again in "
                        + "a few seconds.", List.of()));
    }

    /**
     * The database cannot be reached: no connection within the pool's wait (Hikari's
     * {@code connection-timeout}, 30 s by default), or it went away under the request (a failover,
     * a restart). 503 with {@code Retry-After}, for the API and the pages alike, as the rate limiter
     * answers when it cannot read a bucket; the transaction, if any began, rolled back. Found by an
     * outside tester: a signed-in page during a database outage was a 500.
     */
    @ExceptionHandler({CannotCreateTransactionException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnreachable(Exception e) {
        log.warn("The database could not be reached: {}", e.getMessage());
        return retryAfter(5, respond(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", DATABASE_UNREACHABLE, List.of()));
    }

    /** What a request is told when the database cannot be reached (here, and by {@link ProblemErrorReportValve}). */
    static final String DATABASE_UNREACHABLE = "The hub cannot reach its database just now; nothing was stored. Try again in "
            + "a few seconds.";

    /** Whether {@code thrown} (or a cause) says the database could not be reached; see {@link #databaseUnreachable}. */
    static boolean isDatabaseUnreachable(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> retryAfter(int seconds, ResponseEntity<ProblemDetail> problem) {
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds)).body(problem.getBody());
    }

    /**
     * A database refusal that a request caused rather than a fault: a unique key another request
     * took at the same moment, or a value the database will not hold. Class 23 (integrity
     * constraint, e.g. 23505 unique violation) is 409; class 22 (data exception: 22021 a NUL in
     * text, 22003 a number out of range, 22008 a date out of range) is 400. The transaction rolled
     * back whole, so nothing of the request was stored. Anything else is unexpected (500).
     */
    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<ProblemDetail> database(DataAccessException e) {
        String state = sqlState(e);
        if (state != null && state.startsWith("23")) {
            log.info("Refused with 409 after a database constraint ({}): {}", state, e.getMostSpecificCause().getMessage());
            return respond(HttpStatus.CONFLICT, "Conflict", "Another request recorded the same thing at the same moment, "
                    + "or it is recorded already; nothing of this request was stored. Read the current state before "
                    + "sending it again.", List.of());
        }
        if (state != null && state.startsWith("22")) {
            log.info("Refused with 400 after a database data exception ({}): {}", state, e.getMostSpecificCause().getMessage());
            return respond(HttpStatus.BAD_REQUEST, "Invalid value", "A value in the request cannot be stored (text "
                    + "with a NUL character, a number or date out of range); nothing was stored.", List.of());
        }
        return unexpected(e);
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /**
     * The catch-all. Spring MVC's own refusals (406 for an Accept the endpoint cannot answer, 415,
     * 405, a missing path variable...) carry their status ({@link ErrorResponse}) and keep it, with
     * their title when they set one (the partnership check of method security, 403 or 404) and
     * otherwise the status's reason phrase.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.resolve(refusal.getStatusCode().value());
            String title = refusal.getBody().getTitle();
            return withHeaders(respond(refusal.getStatusCode(),
                    title != null ? title : status == null ? "Refused" : status.getReasonPhrase(),
                    refusal.getBody().getDetail() == null ? "The request was refused." : refusal.getBody().getDetail(),
                    List.of()), refusal.getHeaders());
        }
        log.error("Unexpected failure", e);
        return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error",
                "The hub could not complete the request; nothing was stored. The failure is logged.", List.of());
    }

    /** The refusal's own headers ({@code Allow} of a 405, {@code Accept} of a 415) on the problem answer. */
    private static ResponseEntity<ProblemDetail> withHeaders(ResponseEntity<ProblemDetail> problem, HttpHeaders headers) {
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders()).headers(headers)
                .body(problem.getBody());
    }

    public static ResponseEntity<ProblemDetail> respond(HttpStatusCode status, String title, String detail,
                                                        List<HubProblem.Violation> violations) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setTitle(title);
        body.setType(URI.create("about:blank"));
        if (!violations.isEmpty()) {
            body.setProperty("violations", violations);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }
}
