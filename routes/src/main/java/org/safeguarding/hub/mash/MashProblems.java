package org.safeguarding.hub.mash;

import org.safeguarding.hub.action.MashRefusal;
import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.calendar.OutsideCalendar;
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

/**
 * Turns a {@link MashRefusal} from the MASH or escalation services, or an {@link OutsideCalendar}
 * from a due time the calendar cannot count, into a problem response. Ahead of
 * {@link ProblemResponses}, whose catch-all would otherwise answer 500.
 */
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
        return ProblemResponses.respond(status, title, refusal.getMessage(), refusal.violations().entrySet().stream()
                .map(v -> new HubProblem.Violation(v.getKey(), v.getValue())).toList());
    }

    /**
     * A due time that needs a day outside the calendar's covered years (or school terms): 422, the
     * calendar's message (which day, which years are covered, what the operator does), and the
     * request's field whose clock could not be counted: {@code rating} for a RAG rating,
     * {@code decidedAt} for a threshold decision, {@code heldAt} for a strategy discussion.
     */
    @ExceptionHandler(OutsideCalendar.class)
    ResponseEntity<ProblemDetail> outsideCalendar(OutsideCalendar e, HttpServletRequest request) {
        String path = request.getRequestURI();
        String field = path.endsWith("/rag") ? "rating"
                : path.endsWith("/decision") || path.endsWith("/held-decisions") ? "decidedAt"
                : path.endsWith("/strategy-discussions") ? "heldAt" : null;
        return ProblemResponses.respond(HttpStatus.UNPROCESSABLE_CONTENT, "Outside the working-time calendar",
                e.getMessage(), field == null ? List.of() : List.of(new HubProblem.Violation(field, e.getMessage())));
    }
}
