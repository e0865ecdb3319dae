package org.safeguarding.hub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

import java.time.Clock;

/** The safeguarding partnership data hub. */
@SpringBootApplication
public class HubApplication {

    public static void main(String[] args) {
        SpringApplication.run(HubApplication.class, args);
    }

    /**
     * The one source of "now"; instants are UTC, local rules convert to Europe/London. The demo
     * (module routes/demo) adds its simulated clock as the primary Clock; production has only this.
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
