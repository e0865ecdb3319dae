package org.safeguarding.hub.calendar;

import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The working-time calendar from bank-holidays.yml and school-terms.yml, validated at start-up. */
@Configuration(proxyBeanMethods = false)
class CalendarBeans {

    @Bean
    WorkingCalendar workingCalendar(ConfigFiles files) {
        return CalendarConfiguration.load(files);
    }
}
