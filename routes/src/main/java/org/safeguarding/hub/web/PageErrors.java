package org.safeguarding.hub.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.safeguarding.hub.security.BrowserNavigation;
import org.safeguarding.hub.security.HubOidcUser;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;

/**
 * A browser's error on a page ({@code /pages/**}, {@code Accept} naming {@code text/html}) is
 * answered with the HTML page {@code error.html} in the pages' layout ({@code forbidden.html}, the hub's
 * refusal page, for a 403): status, title and
 * detail are exactly those of the problem+json answer {@link ProblemResponses} would give (one
 * mapping from exception to answer, found as Spring MVC finds it), headers included ({@code Allow}
 * of a 405). API clients, and pages asked for by anything but a browser, keep problem+json. Runs
 * before Spring MVC's own resolvers.
 */
@Component
class PageErrors implements HandlerExceptionResolver, Ordered {

    private final ProblemResponses problems;
    private final PageContext pages;
    private final org.springframework.context.ApplicationContext beans;
    /** The API's exception mappings, in their order (MashProblems ahead of ProblemResponses' catch-all). */
    private volatile List<Advice> advices;

    /** One {@code @RestControllerAdvice} bean and its {@code @ExceptionHandler} methods. */
    private record Advice(Object bean, ExceptionHandlerMethodResolver handlers) {
    }

    PageErrors(ProblemResponses problems, PageContext pages, org.springframework.context.ApplicationContext beans) {
        this.problems = problems;
        this.pages = pages;
        this.beans = beans;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public ModelAndView resolveException(HttpServletRequest request, HttpServletResponse response, Object handler,
                                         Exception ex) {
        if (!isBrowserPageRequest(request)) {
            return null;
        }
        ResponseEntity<ProblemDetail> problem = answer(ex, request);
        HttpStatusCode status = problem.getStatusCode();
        ProblemDetail body = problem.getBody();
        problem.getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        ExtendedModelMap model = new ExtendedModelMap();
        model.addAttribute("status", status.value());
        model.addAttribute("title", body == null ? "Error" : body.getTitle());
        model.addAttribute("detail", body == null ? null : body.getDetail());
        signedIn().ifPresent(user -> {
            try {
                pages.partnership(user, null, model);
            } catch (HubProblem noPartnership) {
                // an account with no partnership gets the page without the navigation
            }
        });
        // A refusal (403) is the hub's refusal page, whichever way it came: the filter chain's (a role the
        // address is not for, a stale form) or a page action's rule (a board member publishing), with the
        // rule's own words (outside tester, issue 14: the generic "Forbidden" error page).
        if (status.value() == HttpStatus.FORBIDDEN.value()) {
            model.addAttribute("csrfRefused", false);
            model.addAttribute("formRefused", "POST".equals(request.getMethod()));
            return new ModelAndView("forbidden", model, HttpStatus.FORBIDDEN);
        }
        return new ModelAndView("error", model, HttpStatus.valueOf(status.value()));
    }

    /** A page's address asked for as HTML: a browser's navigation, not a script or an API client. */
    static boolean isBrowserPageRequest(HttpServletRequest request) {
        // The raw URI (the hub is served at the root): Tomcat may call this for a request it never mapped.
        String path = request.getRequestURI();
        if (path == null || !path.startsWith("/pages/")) {
            return false;
        }
        return BrowserNavigation.asksForHtml(request);
    }

    /**
     * The problem+json answer the API would give for {@code ex}: the first {@code @RestControllerAdvice}
     * (in Spring's order) with an {@code @ExceptionHandler} for it. Every advice, not only
     * {@link ProblemResponses}: a MASH refusal (an unknown contact's 404) was a 500 page (an outside tester).
     */
    private ResponseEntity<ProblemDetail> answer(Exception ex, HttpServletRequest request) {
        for (Advice advice : advices()) {
            Method method = advice.handlers().resolveMethod(ex);
            if (method == null) {
                continue;
            }
            Class<?> accepted = method.getParameterTypes()[0];
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (accepted.isInstance(t)) {
                    Throwable cause = t;
                    Object[] args = java.util.Arrays.stream(method.getParameterTypes())
                            .map(type -> type.isInstance(cause) ? cause : type.isInstance(request) ? request : null)
                            .toArray();
                    try {
                        method.setAccessible(true);
                        @SuppressWarnings("unchecked")
                        ResponseEntity<ProblemDetail> answer = (ResponseEntity<ProblemDetail>) method.invoke(advice.bean(), args);
                        return answer;
                    } catch (IllegalAccessException | InvocationTargetException e) {
                        return problems.unexpected(ex);
                    }
                }
            }
        }
        return problems.unexpected(ex);
    }

    private List<Advice> advices() {
        if (advices == null) {
            List<Object> found = new java.util.ArrayList<>(
                    beans.getBeansWithAnnotation(org.springframework.web.bind.annotation.RestControllerAdvice.class).values());
            org.springframework.core.annotation.AnnotationAwareOrderComparator.sort(found);
            advices = found.stream().map(bean -> new Advice(bean, new ExceptionHandlerMethodResolver(
                    org.springframework.aop.support.AopUtils.getTargetClass(bean)))).toList();
        }
        return advices;
    }

    private static Optional<HubOidcUser> signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof HubOidcUser user ? Optional.of(user)
                : Optional.empty();
    }
}
