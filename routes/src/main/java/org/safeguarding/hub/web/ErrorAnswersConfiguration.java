package org.safeguarding.hub.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Errors raised inside Tomcat are answered by {@link ProblemErrorReportValve}. Runs after Spring
 * Boot's own Tomcat customizer, which adds a plain {@link ErrorReportValve} to the host; that one is
 * replaced. Spring Boot's {@code /error} page is excluded (application.yml), so a {@code sendError}
 * from anywhere (the security firewall's 400 among them) ends here too.
 */
@Configuration(proxyBeanMethods = false)
class ErrorAnswersConfiguration {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ProblemErrorReportValve());
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName()); // so Tomcat adds no other
            }
        });
    }
}
