package org.safeguarding.hub.web;

import org.springframework.http.HttpStatus;

import java.util.List;

/**
 * A request the hub refuses, with what is wrong and where. Rendered as RFC 9457
 * {@code application/problem+json} by {@link ProblemResponses}.
 */
public class HubProblem extends RuntimeException {

    /** One thing wrong with the input: a JSON pointer or field path, and why. */
    public record Violation(String field, String reason) {
    }

    private final HttpStatus status;
    private final String title;
    private final List<Violation> violations;

    public HubProblem(HttpStatus status, String title, String detail, List<Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public HubProblem(HttpStatus status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public static HubProblem badRequest(String detail, String field) {
        return new HubProblem(HttpStatus.BAD_REQUEST, "Invalid request", detail,
                field == null ? List.of() : List.of(new Violation(field, detail)));
    }

    public static HubProblem forbidden(String detail) {
        return new HubProblem(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    public static HubProblem notFound(String detail) {
        return new HubProblem(HttpStatus.NOT_FOUND, "Not found", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
