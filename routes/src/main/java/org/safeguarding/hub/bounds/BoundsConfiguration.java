package org.safeguarding.hub.bounds;

import org.safeguarding.hub.config.ConfigurationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Bounded work for every request (issue 12): the dates and periods served ({@link ServedDates}), the
 * statement timeout of request threads ({@link RequestStatements}, {@link BoundedDataSource}) and the
 * cancelling of request statements at shutdown ({@link RequestStatementsOnShutdown}). Settings
 * {@code hub.bounds.*}, checked at start-up.
 */
@Configuration(proxyBeanMethods = false)
class BoundsConfiguration {

    /** The longest statement timeout an operator may set: longer is no bound at all for a request. */
    private static final Duration LONGEST = Duration.ofHours(1);

    /** Wraps the hub's DataSource (embedded or external) so that each connection carries its thread's limits. */
    @Bean
    static BeanPostProcessor boundedDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof DataSource pool && !(bean instanceof BoundedDataSource) ? new BoundedDataSource(pool) : bean;
            }
        };
    }

    @Bean
    ServedDates servedDates(@Value("${hub.bounds.earliest-date:2000-01-01}") LocalDate earliest, Clock clock) {
        return new ServedDates(earliest, clock);
    }

    @Bean
    FilterRegistrationBean<RequestStatements> requestStatements(
            @Value("${hub.bounds.statement-timeout:30s}") Duration standard,
            @Value("${hub.bounds.scorecard-statement-timeout:120s}") Duration scorecard) {
        List<String> problems = new ArrayList<>();
        check("hub.bounds.statement-timeout", standard, problems);
        check("hub.bounds.scorecard-statement-timeout", scorecard, problems);
        ConfigurationException.throwIfAny("application settings (hub.bounds)", problems);
        FilterRegistrationBean<RequestStatements> registration = new FilterRegistrationBean<>(
                new RequestStatements(standard, scorecard));
        // Before Spring Security's chain, so that every query of the request is bounded.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    RequestStatementsOnShutdown requestStatementsOnShutdown(DataSource dataSource, JdbcClient jdbc) {
        if (!(dataSource instanceof BoundedDataSource bounded)) {
            throw new IllegalStateException("the hub's DataSource is not bounded: " + dataSource.getClass().getName());
        }
        return new RequestStatementsOnShutdown(jdbc, bounded.requestName());
    }

    private static void check(String name, Duration value, List<String> problems) {
        if (value.compareTo(Duration.ofMillis(1)) < 0 || value.compareTo(LONGEST) > 0) {
            problems.add(name + " " + value + " must be from 1 ms to " + LONGEST.toMinutes() + " minutes");
        }
    }
}
