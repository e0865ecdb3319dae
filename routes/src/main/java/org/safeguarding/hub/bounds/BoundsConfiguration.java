package org.safeguarding.hub.bounds;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.time.Clock;

/**
 * Bounded work for every request (issue 12): the dates and periods served ({@link ServedDates}), the
 * statement timeout of request threads ({@link RequestStatements}, {@link BoundedDataSource}) and the
 * cancelling of request statements at shutdown ({@link RequestStatementsOnShutdown}). Settings
 * {@code hub.bounds.*} ({@link BoundsProperties}), checked at start-up.
 */
@Configuration(proxyBeanMethods = false)
class BoundsConfiguration {

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
    ServedDates servedDates(BoundsProperties bounds, Clock clock) {
        return new ServedDates(bounds.earliestDate(), clock);
    }

    @Bean
    FilterRegistrationBean<RequestStatements> requestStatements(BoundsProperties bounds) {
        FilterRegistrationBean<RequestStatements> registration = new FilterRegistrationBean<>(
                new RequestStatements(bounds.statementTimeout(), bounds.scorecardStatementTimeout()));
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
}
