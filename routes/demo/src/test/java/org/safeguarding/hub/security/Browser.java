package org.safeguarding.hub.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's browser over plain HTTP, as far as sign-in needs one: it keeps cookies (Keycloak's and
 * the hub's), follows redirects, says it wants HTML unless told otherwise, and fills in and submits the one form of a
 * page (its hidden fields kept, as a browser sends them). Enough for Keycloak's login, consent and
 * device pages and the hub's forms; no JavaScript.
 */
final class Browser {

    static final String ACCEPT_HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*\\baction=\"([^\"]*)\"[^>]*>(.*?)</form>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern HIDDEN = Pattern.compile("<input\\b[^>]*\\btype=\"hidden\"[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    /**
     * Cookies by host and port. Not java.net.CookieManager: it never sends a {@code Secure} cookie over
     * plain HTTP, while browsers treat 127.0.0.1 as secure and do (Keycloak marks its session cookies
     * {@code Secure; SameSite=None}). Paths are not told apart: nothing here needs it.
     */
    private final Map<String, Map<String, String>> cookies = new HashMap<>();

    /** GET {@code url} as a browser's navigation, redirects followed. */
    HttpResponse<String> open(String url) throws IOException, InterruptedException {
        return follow(send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    /** A request as the browser sends it (its cookies, {@code Accept} HTML), redirects not followed. */
    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpRequest.Builder sent = HttpRequest.newBuilder(built, (name, value) -> true);
        if (built.headers().firstValue("Accept").isEmpty()) {
            sent.header("Accept", ACCEPT_HTML);
        }
        Map<String, String> jar = cookies.computeIfAbsent(built.uri().getAuthority(), authority -> new LinkedHashMap<>());
        if (!jar.isEmpty()) {
            sent.header("Cookie", jar.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = http.send(sent.build(), HttpResponse.BodyHandlers.ofString());
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            int eq = pair.indexOf('=');
            String name = pair.substring(0, eq).strip();
            String value = pair.substring(eq + 1).strip();
            boolean expired = header.toLowerCase(Locale.ROOT).contains("max-age=0") || value.isEmpty();
            if (expired) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    /** Submits the page's form whose action contains {@code actionPart}, with its hidden fields and {@code fields}. */
    HttpResponse<String> submit(HttpResponse<String> page, String actionPart, Map<String, String> fields)
            throws IOException, InterruptedException {
        Matcher form = FORM.matcher(page.body());
        while (form.find()) {
            String action = unescape(form.group(1));
            if (!action.contains(actionPart)) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>(hiddenFields(form.group(2)));
            values.putAll(fields);
            String body = values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return follow(send(HttpRequest.newBuilder(page.uri().resolve(action))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body))));
        }
        throw new AssertionError("no form with an action containing '" + actionPart + "' at " + page.uri() + ":\n"
                + page.body());
    }

    static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher input = HIDDEN.matcher(html);
        while (input.find()) {
            Matcher name = NAME.matcher(input.group());
            Matcher value = VALUE.matcher(input.group());
            if (name.find()) {
                fields.put(unescape(name.group(1)), value.find() ? unescape(value.group(1)) : "");
            }
        }
        return fields;
    }

    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        for (int hops = 0; hops < 20 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            response = send(HttpRequest.newBuilder(next).GET());
        }
        return response;
    }

    private static String unescape(String html) {
        return html.replace("&amp;", "&").replace("&#61;", "=").replace("&quot;", "\"").replace("&#x3d;", "=");
    }
}
