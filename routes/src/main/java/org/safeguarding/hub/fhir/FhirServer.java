package org.safeguarding.hub.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.util.UrlUtil;
import jakarta.servlet.FilterChain;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.safeguarding.hub.http.BoundedBody;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /fhir} is HAPI FHIR's {@link RestfulServer}, a servlet at {@code /fhir/*} behind the same
 * Spring Security filters as every other path (tokens, rate limits, request size). Its resource
 * providers are every {@link IResourceProvider} bean and its system-level providers every
 * {@link SystemLevelProvider} bean; its interceptors are the beans annotated with HAPI's
 * {@link Interceptor} (web.FhirRefusals answers the hub's refusals as OperationOutcome). JSON by
 * default; XML by {@code Accept} or {@code _format}.
 *
 * <p>{@code POST /fhir/Bundle} is the older entry point: it is handed to the health feed's intake
 * endpoint ({@code POST /api/v1/intake/health}) before HAPI sees it, so existing senders keep the
 * hub's receipt and problem+json answers (docs/decisions.md, "The FHIR interface is HAPI's RESTful server").
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class FhirServer {

    /** Where HAPI's servlet is mapped (the FHIR base is this under the hub's address). */
    public static final String BASE = "/fhir";
    /** The older entry point, answered by the health feed's intake endpoint. */
    public static final String OLDER_BUNDLE_ENTRY = BASE + "/Bundle";
    private static final String HEALTH_INTAKE = "/api/v1/intake/health";

    @Bean
    ServletRegistrationBean<RestfulServer> fhirServlet(BodyLimit limit, List<IResourceProvider> resources,
                                                        List<SystemLevelProvider> systemLevel, ApplicationContext beans,
                                                        ObjectProvider<MultipartConfigElement> multipart) {
        // The server's own context: its parser lets a value not of its datatype through (no-op handler, no log
        // line quoting the value), so that one entry's bad value is that entry's answer, not the whole Bundle's
        // (found per entry by intake.FhirEntries; the shared context, used by the scorecard's and the feeds'
        // parsers, stays as it is).
        FhirContext own = FhirContext.forR4();
        own.setParserErrorHandler(new ErrorHandlerAdapter());
        RestfulServer server = new HubRestfulServer(own, limit.maxBytes());
        server.setServerName(Capabilities.SOFTWARE);
        server.setServerVersion(Capabilities.VERSION);
        server.setImplementationDescription("Health feed intake (transaction and batch Bundles, $validate), the "
                + "scorecard (Measure, MeasureReport), the audit trail (AuditEvent) and child protection flags for "
                + "health partners (Flag)");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setResourceProviders(resources);
        server.setPlainProviders(new ArrayList<>(systemLevel));
        server.registerInterceptor(new Capabilities());
        beans.getBeansWithAnnotation(Interceptor.class).values().forEach(server::registerInterceptor);
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(server, BASE + "/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        // A multipart POST /fhir/Bundle is forwarded to Spring MVC, which reads its parts through this
        // servlet's mapping: with Spring's multipart settings it is refused (415) as before, not a 500.
        multipart.ifAvailable(registration::setMultipartConfig);
        return registration;
    }

    @Bean
    FilterRegistrationBean<OlderBundleEntry> olderBundleEntry() {
        FilterRegistrationBean<OlderBundleEntry> registration = new FilterRegistrationBean<>(new OlderBundleEntry());
        registration.addUrlPatterns(OLDER_BUNDLE_ENTRY);
        return registration;
    }

    /**
     * True when the FHIR server answers {@code request}: {@code /fhir} or a path under it other than the
     * older {@code POST /fhir/Bundle}. Security refusals of such requests are OperationOutcomes.
     */
    public static boolean answers(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return (path.equals(BASE) || path.startsWith(BASE + "/")) && !isOlderBundleEntry(request, path);
    }

    private static boolean isOlderBundleEntry(HttpServletRequest request, String path) {
        return "POST".equals(request.getMethod()) && path.equals(OLDER_BUNDLE_ENTRY);
    }

    /**
     * HAPI's server, except that a client's mistake HAPI would answer with a 5xx is a 4xx OperationOutcome:
     * a method HTTP has no FHIR meaning for (PROPFIND, say) is a 405 with {@code Allow}, not the servlet
     * default's 501; a query string HAPI's decoder throws on ({@code ?subject=%ZZ}, a '%' without two
     * hexadecimal digits) is a 400, not a 500 (HAPI decodes the query before any interceptor runs).
     */
    static final class HubRestfulServer extends RestfulServer {
        private static final Set<String> METHODS = Arrays.stream(RequestTypeEnum.values()).map(Enum::name)
                .collect(Collectors.toSet());
        private static final String ALLOW = "GET, POST, PUT, PATCH, DELETE, OPTIONS, HEAD";
        private static final String UNDECODABLE_QUERY = "The query string is not valid percent-encoded UTF-8: "
                + "a '%' must be followed by two hexadecimal digits (write a literal '%' as %25).";

        private final long maxBytes;

        HubRestfulServer(FhirContext fhir, long maxBytes) {
            super(fhir);
            this.maxBytes = maxBytes;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse plain) throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length() + BASE.length());
            ServerHttpObservationFilter.findObservationContext(request)
                    .ifPresent(observed -> observed.setPathPattern(pathPattern(path, types())));
            HttpServletResponse response = new AllowOn405(plain, allowed(path, types()));
            if (!METHODS.contains(request.getMethod())) {
                response.setHeader("Allow", ALLOW);
                refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "HTTP method " + request.getMethod()
                        + " has no meaning in FHIR's RESTful API; use one of " + ALLOW + ".");
                return;
            }
            // HAPI answers a method a path does not serve with 400 (HAPI-0287 at the base): 405 with Allow instead
            String allow = allowed(path, types());
            String pattern = pathPattern(path, types());
            if (!pattern.contains("{type}") && !pattern.contains("{operation}") && !Set.of("HEAD", "OPTIONS")
                    .contains(request.getMethod()) && !Arrays.asList(allow.split(", ")).contains(request.getMethod())) {
                response.setHeader("Allow", allow);
                refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, request.getMethod() + " has no meaning at "
                        + pattern + " here; it takes " + allow + ".");
                return;
            }
            String contentType = request.getContentType();
            if (("POST".equals(request.getMethod()) || "PUT".equals(request.getMethod())) && contentType != null
                    && EncodingEnum.forContentType(contentType) == null
                    && !contentType.toLowerCase(Locale.ROOT).startsWith(FORM)) {
                refuse(response, HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "Content-Type '" + contentType.strip()
                        .replaceAll("[^\\x20-\\x7e]", "?") + "' is not FHIR: send " + MEDIA_TYPES + ". Nothing was stored.");
                return;
            }
            if (request.getContentLengthLong() > maxBytes) {
                refuse(response, 413, tooLarge());
                return;
            }
            if (request.getQueryString() != null) {
                try {
                    UrlUtil.parseQueryString(request.getQueryString());
                } catch (IllegalArgumentException undecodable) {
                    refuse(response, HttpServletResponse.SC_BAD_REQUEST, UNDECODABLE_QUERY);
                    return;
                }
            }
            // A body without a declared length (chunked) is refused with 413 as soon as reading it passes
            // maxBytes: HAPI reads whole bodies into memory before the providers see them.
            super.service(request.getContentLengthLong() < 0 ? new BoundedBody(request, maxBytes, () -> {
                throw OperationOutcomes.exception(413, tooLarge(), List.of());
            }) : request, response);
        }

        private String tooLarge() {
            return "The body is larger than the " + maxBytes + " bytes a message may have; split the batch. Nothing was stored.";
        }

        private Set<String> types() {
            return getResourceProviders().stream().map(p -> getFhirContext().getResourceType(p.getResourceType()))
                    .collect(Collectors.toSet());
        }

        private void refuse(HttpServletResponse response, int status, String diagnostics) throws IOException {
            response.setStatus(status);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(getFhirContext().newJsonParser().encodeResourceToString(
                    OperationOutcomes.refusal(status, diagnostics, List.of())).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The media types a FHIR body may have here (HAPI reads the older {@code application/json+fhir} too). */
    static final String MEDIA_TYPES = "application/fhir+json or application/fhir+xml (or application/json, application/xml)";
    private static final String FORM = "application/x-www-form-urlencoded"; // a search by POST ({@code _search})

    /**
     * The {@code uri} tag of Micrometer's {@code http.server.requests} for a request to {@code path} (what
     * follows {@code /fhir}): made of the base, a resource type the server serves, {@code metadata},
     * {@code _search} or {@code $validate}, and placeholders for anything else, so the tag's values are few and
     * never carry an id or a search value (no child-level labels; the default was {@code UNKNOWN}).
     */
    static String pathPattern(String path, Set<String> types) {
        String[] parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
        if (parts.length == 0) {
            return BASE;
        }
        if (parts.length == 1 && parts[0].equals("metadata")) {
            return BASE + "/metadata";
        }
        if (!types.contains(parts[0])) {
            return BASE + (parts[0].startsWith("$") ? "/{operation}" : "/{type}") + (parts.length > 1 ? "/**" : "");
        }
        String pattern = BASE + "/" + parts[0];
        if (parts.length > 1) {
            pattern += "/" + (KNOWN_PARTS.contains(parts[1]) ? parts[1] : parts[1].startsWith("$") ? "{operation}" : "{id}");
        }
        return pattern + (parts.length > 2 ? "/**" : "");
    }

    private static final Set<String> KNOWN_PARTS = Set.of("_search", "$validate");

    /** The methods {@code path} (after {@code /fhir}) has meaning for, for the {@code Allow} of a 405. */
    static String allowed(String path, Set<String> types) {
        String pattern = pathPattern(path, types);
        if (pattern.equals(BASE) || pattern.endsWith("/_search") || pattern.endsWith("/$validate")) {
            return "POST";
        }
        return pattern.equals(BASE + "/" + "Bundle") ? "POST" : pattern.endsWith("/{id}") || pattern.equals(BASE + "/metadata")
                ? "GET" : "GET, POST";
    }

    /** A response that, when set to 405, says with {@code Allow} which methods the path supports. */
    static final class AllowOn405 extends HttpServletResponseWrapper {
        private final String allow;

        AllowOn405(HttpServletResponse response, String allow) {
            super(response);
            this.allow = allow;
        }

        @Override
        public void setStatus(int status) {
            allow(status);
            super.setStatus(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            allow(status);
            super.sendError(status, message);
        }

        @Override
        public void sendError(int status) throws IOException {
            allow(status);
            super.sendError(status);
        }

        private void allow(int status) {
            if (status == SC_METHOD_NOT_ALLOWED && !containsHeader("Allow")) {
                setHeader("Allow", allow);
            }
        }
    }

    /**
     * The CapabilityStatement beyond what HAPI derives from the providers: who the hub is, how to
     * authenticate (OAuth 2.0 bearer tokens from the hub's Keycloak realm, and which roles), that
     * {@code @Transaction} takes batch Bundles as well (the providers tell them apart by
     * {@code Bundle.type}), and that a transaction is not all-or-nothing.
     */
    static final class Capabilities {
        static final String SOFTWARE = "Safeguarding partnership data hub";
        static final String VERSION = Objects.requireNonNullElse(FhirServer.class.getPackage().getImplementationVersion(),
                "development build");
        static final String ENTRY_BY_ENTRY = "Transactions are not all-or-nothing: each entry stands alone, as the "
                + "hub's receipts always have. A record that breaks a rule is rejected (422, kept in quarantine) and the "
                + "rest is stored; an entry whose request.method is not POST or PUT is refused (405), and a value not "
                + "of its element's datatype refuses its entry only (400, or 422 for a record), naming the element.";

        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void describe(IBaseConformance generated) {
            CapabilityStatement statement = (CapabilityStatement) generated;
            statement.setName("SafeguardingPartnershipDataHub").setTitle("Safeguarding partnership data hub: FHIR interface")
                    .setPublisher("The safeguarding partnership data hub project");
            statement.getSoftware().setName(SOFTWARE).setVersion(VERSION);
            CapabilityStatement.CapabilityStatementRestComponent rest = statement.getRestFirstRep();
            rest.setDocumentation(ENTRY_BY_ENTRY);
            rest.getSecurity().setCors(false).addService(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")))
                    .setDescription("OAuth 2.0 bearer tokens (Authorization: Bearer <token>) issued by the hub's "
                            + "Keycloak realm: a partner system's client-credentials token (role partner-system) for "
                            + "transactions, batches, $validate and Flag; a member of staff's token for Measure and "
                            + "MeasureReport (partnership-viewer and the other scorecard readers of the partnership) and "
                            + "AuditEvent (auditor). GET /fhir/metadata needs no token.");
            boolean transactions = rest.getInteraction().stream()
                    .anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
            if (transactions) {
                rest.getInteraction().stream()
                        .filter(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION)
                        .forEach(i -> i.setDocumentation(ENTRY_BY_ENTRY));
                rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH)
                        .setDocumentation(ENTRY_BY_ENTRY);
            }
        }
    }

    /** POST /fhir/Bundle, forwarded to the health intake endpoint; anything else goes on to HAPI. */
    static final class OlderBundleEntry extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (isOlderBundleEntry(request, request.getRequestURI().substring(request.getContextPath().length()))) {
                request.getRequestDispatcher(HEALTH_INTAKE).forward(request, response);
            } else {
                chain.doFilter(request, response);
            }
        }
    }
}
