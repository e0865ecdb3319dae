package org.safeguarding.hub.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
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
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    ServletRegistrationBean<RestfulServer> fhirServlet(FhirContext fhir, List<IResourceProvider> resources,
                                                        List<SystemLevelProvider> systemLevel, ApplicationContext beans,
                                                        ObjectProvider<MultipartConfigElement> multipart) {
        RestfulServer server = new HubRestfulServer(fhir);
        server.setServerName("Safeguarding partnership data hub");
        server.setImplementationDescription("Health feed intake (transaction and batch Bundles, $validate), the "
                + "scorecard (Measure, MeasureReport), the audit trail (AuditEvent) and child protection flags for "
                + "health partners (Flag)");
        server.setDefaultResponseEncoding(EncodingEnum.JSON);
        server.setResourceProviders(resources);
        server.setPlainProviders(new ArrayList<>(systemLevel));
        server.registerInterceptor(new BatchesToo());
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

        HubRestfulServer(FhirContext fhir) {
            super(fhir);
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
            if (!METHODS.contains(request.getMethod())) {
                response.setHeader("Allow", ALLOW);
                refuse(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "HTTP method " + request.getMethod()
                        + " has no meaning in FHIR's RESTful API; use one of " + ALLOW + ".");
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
            super.service(request, response);
        }

        private void refuse(HttpServletResponse response, int status, String diagnostics) throws IOException {
            response.setStatus(status);
            response.setContentType("application/fhir+json;charset=UTF-8");
            response.getOutputStream().write(getFhirContext().newJsonParser().encodeResourceToString(
                    OperationOutcomes.refusal(status, diagnostics, List.of())).getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * HAPI's {@code @Transaction} method takes batch Bundles as well (the providers tell them apart by
     * {@code Bundle.type}); the CapabilityStatement says so.
     */
    static final class BatchesToo {
        @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
        public void batch(IBaseConformance generated) {
            CapabilityStatement.CapabilityStatementRestComponent rest = ((CapabilityStatement) generated).getRestFirstRep();
            boolean transactions = rest.getInteraction().stream()
                    .anyMatch(i -> i.getCode() == CapabilityStatement.SystemRestfulInteraction.TRANSACTION);
            if (transactions) {
                rest.addInteraction().setCode(CapabilityStatement.SystemRestfulInteraction.BATCH);
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
