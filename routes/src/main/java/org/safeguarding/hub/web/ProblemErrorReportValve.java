package org.safeguarding.hub.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat's error answer for what never reaches Spring MVC: a path Tomcat cannot decode ({@code %ZZ},
 * {@code %00}), a request the security firewall rejects ({@code //}, encoded dots), a malformed Host,
 * an exception escaping a filter. RFC 9457 {@code application/problem+json} with the hub's security
 * headers, as every other refusal, instead of Tomcat's HTML page; a browser asking for a page
 * ({@code /pages/**}, {@code Accept} naming {@code text/html}) gets a plain HTML page in the pages'
 * style instead ({@link PageErrors}). Says nothing of the hub's inside.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    /** The API chain's security headers (security.SecurityConfiguration), which no filter added to these answers. */
    public static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
                    + "form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()",
            "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate");

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(true);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        if (status == 500 && ProblemResponses.isDatabaseUnreachable(throwable)) {
            // e.g. Spring Session's filter could not read the page session: as ProblemResponses answers it
            status = 503;
            response.setStatus(status);
            response.setHeader("Retry-After", "5");
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String detail = status == 503 ? ProblemResponses.DATABASE_UNREACHABLE
                : status == 400 ? "The request is not valid HTTP the hub accepts: its address, encoding or headers "
                + "are malformed. Nothing was stored."
                : status >= 500 ? "The hub could not complete the request; nothing was stored. The failure is logged."
                : title + ".";
        boolean page = PageErrors.isBrowserPageRequest(request);
        try {
            SECURITY_HEADERS.forEach(response::setHeader);
            response.setContentType(page ? MediaType.TEXT_HTML_VALUE : MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                // title and detail are the hub's own fixed words: nothing here needs JSON or HTML escaping
                writer.write(page ? html(status, title, detail) : "{\"type\":\"about:blank\",\"title\":\"" + title
                        + "\",\"status\":" + status + ",\"detail\":\"" + detail + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response was committed meanwhile: nothing more to say
        }
    }

    /** A browser's page for what Tomcat refused (no template engine here): the pages' stylesheet and wording. */
    private static String html(int status, String title, String detail) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " - Safeguarding partnership hub</title><link rel=\"stylesheet\" href=\"/assets/hub.css\"></head><body>"
                + "<header class=\"top\"><div class=\"brand\">Safeguarding partnership data hub</div></header>"
                + "<main id=\"main\"><h1>" + title + "</h1><p>" + detail + "</p><p>Error " + status + "</p>"
                + "<p><a href=\"/pages/scorecard\">Go to the scorecard</a></p></main></body></html>";
    }
}
