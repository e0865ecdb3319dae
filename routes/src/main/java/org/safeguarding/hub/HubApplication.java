package org.safeguarding.hub;

import org.safeguarding.hub.demo.SimulatedClock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;

/** The safeguarding partnership data hub. */
@SpringBootApplication
@EnableScheduling
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }

    /** The one source of "now"; instants are UTC, local rules convert to Europe/London. */
    @Bean
    Clock clock(@Value("${hub.demo.simulated-clock:false}") boolean simulated) {
        // ./hub demo replays a quarter of history through the real endpoints (demo.SimulatedClock).
        return simulated ? SimulatedClock.INSTANCE : Clock.systemUTC();
    }
}
