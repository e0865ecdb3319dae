package org.safeguarding.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfException;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A page form sent after the sign-in session ended (issue 14, outside tester: the action was lost
 * silently). The session held the form's CSRF token, so the post is refused by the CSRF check with
 * nobody signed in: nothing is recorded. Instead of the refusal page the browser is sent to sign in,
 * and the new session remembers the form's page; after signing in, {@code /} brings the user back to
 * that page, which says once that nothing was recorded ({@link #takeNotice}).
 */
public final class SignedOutForms {

    /** Session attribute: the page to return to after signing in. */
    private static final String RETURN_TO = "hub.signedOutForm.returnTo";
    /** Session attribute: the notice the next page shows once. */
    private static final String NOTICE = "hub.signedOutForm.notice";

    /** What the user is told on the form's page after signing in again. */
    public static final String NOTICE_TEXT = "Your sign-in had ended before the form was sent, so nothing was recorded. "
            + "Check the form and send it again.";

    /** A page action path: its form is the contact page, the escalations page or the page itself. */
    private static final Pattern CONTACT = Pattern.compile("^(/pages/mash/contacts/[0-9a-fA-F-]{36})(/.*)?$");

    private SignedOutForms() {
    }

    /**
     * Handles {@code denied} when it is a browser's page form refused for want of a session: remembers the
     * form's page, sends the browser to sign in and answers true. False for anything else (a signed-in user's
     * stale or forged token, a script), which keeps the refusal page.
     */
    static boolean handle(HttpServletRequest request, HttpServletResponse response, Exception denied) throws IOException {
        if (!(denied instanceof CsrfException) || !"POST".equals(request.getMethod()) || signedIn()
                || !BrowserNavigation.asksForHtml(request)) {
            return false;
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(RETURN_TO, formPage(request));
        session.setAttribute(NOTICE, NOTICE_TEXT);
        response.sendRedirect(request.getContextPath() + "/oauth2/authorization/" + PageSecurity.REGISTRATION);
        return true;
    }

    /** Where {@code /} sends a user who has just signed in again after a lost form (once), if anywhere. */
    public static Optional<String> takeReturnTo(HttpSession session) {
        return take(session, RETURN_TO);
    }

    /** The notice a page shows once after a lost form, if any. */
    public static Optional<String> takeNotice(HttpSession session) {
        return take(session, NOTICE);
    }

    private static Optional<String> take(HttpSession session, String attribute) {
        if (session == null || !(session.getAttribute(attribute) instanceof String value)) {
            return Optional.empty();
        }
        session.removeAttribute(attribute);
        return Optional.of(value);
    }

    /**
     * The page the form was on: the {@code Referer} when it is one of the hub's pages on this host (the
     * pages send it: referrer policy same-origin), else the page the action belongs to, with the partnership.
     */
    static String formPage(HttpServletRequest request) {
        String referer = request.getHeader("Referer");
        if (referer != null) {
            try {
                URI uri = URI.create(referer);
                if (request.getServerName().equalsIgnoreCase(uri.getHost()) && uri.getRawPath() != null
                        && uri.getRawPath().startsWith("/pages/") && !uri.getRawPath().contains("..")) {
                    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                }
            } catch (IllegalArgumentException unreadable) {
                // fall through to the action's own page
            }
        }
        String path = request.getRequestURI();
        Matcher contact = CONTACT.matcher(path);
        String page = contact.matches() ? contact.group(1)
                : path.startsWith("/pages/escalations") ? "/pages/escalations"
                : path.startsWith("/pages/scorecard") ? "/pages/scorecard" : "/pages/scorecard";
        String partnership = request.getParameter("partnership");
        return partnership == null || !partnership.matches("[a-z0-9-]{1,100}") ? page : page + "?partnership=" + partnership;
    }

    private static boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof HubOidcUser;
    }
}
