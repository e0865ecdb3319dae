package org.safeguarding.hub.calendar;

import org.safeguarding.hub.config.ConfigFiles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The working-time calendar from bank-holidays.yml and school-terms.yml, validated at start-up,
 * with a start-up warning when its covered years end soon ({@link CalendarStatus}).
 */
@Configuration(proxyBeanMethods = false)
class CalendarBeans {

    @Bean
    WorkingCalendar workingCalendar(ConfigFiles files) {
        return CalendarConfiguration.load(files);
    }

    @Bean
    CalendarStatus calendarStatus(WorkingCalendar calendar, Clock clock) {
        CalendarStatus status = new CalendarStatus(calendar, clock);
        status.warnIfEndingSoon();
        return status;
    }
}
