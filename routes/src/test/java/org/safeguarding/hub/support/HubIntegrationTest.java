package org.safeguarding.hub.support;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole hub on a random port, over real HTTP, on a real PostgreSQL. Test classes with this
 * annotation and no other configuration share one application context and one database, so they
 * use their own ids and do not assume an empty database.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = HubTestDatabase.class)
public @interface HubIntegrationTest {
}
