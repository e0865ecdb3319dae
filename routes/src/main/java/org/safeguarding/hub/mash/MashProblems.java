package org.safeguarding.hub.mash;

import org.safeguarding.hub.web.HubProblem;
import org.safeguarding.hub.web.ProblemResponses;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.List;

/** Turns a {@link MashRefusal} from the MASH or escalation services into a problem response. */
/** Ahead of {@link ProblemResponses}, whose catch-all would otherwise answer 500. */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class MashProblems {

    @ExceptionHandler(MashRefusal.class)
    ResponseEntity<ProblemDetail> refused(MashRefusal refusal) {
        HttpStatus status = switch (refusal.reason()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
        };
        String title = switch (refusal.reason()) {
            case INVALID -> "Invalid request";
            case FORBIDDEN -> "Forbidden";
            case NOT_FOUND -> "Not found";
            case CONFLICT -> "Conflict";
        };
        return ProblemResponses.respond(status, title, refusal.getMessage(), refusal.field() == null ? List.of()
                : List.of(new HubProblem.Violation(refusal.field(), refusal.getMessage())));
    }
}
