package org.safeguarding.hub.bounds;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.safeguarding.hub.HubApplication;
import org.safeguarding.hub.database.TestPostgres;
import org.safeguarding.hub.mash.MashHub;
import org.safeguarding.hub.support.RawHttp;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub while its database cannot be reached (a failover, a restart): a partner's request and a
 * member of staff's page get 503 with {@code Retry-After}, never a 500, and the hub serves again as
 * soon as the database does, without a restart. Kept from the outside trial of issue 17 (1 December
 * 2026), where a signed-in page during an outage was a 500. The outage is real: the hub's database
 * stops accepting connections ({@code ALLOW_CONNECTIONS false}) and its sessions are ended, as a
 * stopped primary ends them; the pool waits 1 s for a connection instead of its default 30 s.
 */
class DatabaseOutageTest {

    private static final String LEAD = TestTokens.staff("alice", "mash-lead", "herefordshire");
    private static final String DATABASE_URL = TestPostgres.freshDatabaseUrl();
    private static final String DATABASE = DATABASE_URL.substring(DATABASE_URL.lastIndexOf('/') + 1).split("\\?")[0];
    private static final JdbcClient SERVER = JdbcClient.create(new DriverManagerDataSource(
            DATABASE_URL.replace("/" + DATABASE, "/postgres"), TestPostgres.server().username(), ""));
    private static ConfigurableApplicationContext hub;

    @AfterAll
    static void stop() {
        outage(false);
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void requestsDuringAnOutageAre503WithRetryAfterAndTheHubServesAgainAfterIt() throws InterruptedException {
        hub = new SpringApplicationBuilder(HubApplication.class).run(Stream.concat(Stream.of(MashHub.Settings.properties()),
                Stream.of("spring.datasource.url=" + DATABASE_URL,
                        "spring.datasource.username=" + TestPostgres.server().username(),
                        "spring.datasource.hikari.connection-timeout=1000",
                        "spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                        "hub.security.rate-limit.enabled=false", // the limiter's own 503 is not what is tried here
                        "server.port=0", "spring.main.banner-mode=off", "hub.scorecard.publish-delay=3600000"))
                .map(p -> "--" + p).toArray(String[]::new));
        int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
        String queue = "/api/v1/mash/herefordshire/queue";
        assertThat(RawHttp.get(port, queue, LEAD)).startsWith("HTTP/1.1 200 ");

        outage(true);
        // the API: a problem, 503, try again in 5 s
        String api = RawHttp.get(port, queue, LEAD);
        assertThat(api).startsWith("HTTP/1.1 503 ").contains("Retry-After: 5").contains("application/problem+json")
                .contains("cannot reach its database");
        // a browser with a page session: the session cannot be read (Spring Session's filter, before any
        // controller), answered as an HTML page, 503, not the 500 the trial saw
        String page = RawHttp.exchange(port, "GET /pages/mash HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/html\r\n"
                + "Cookie: SESSION=NjM2YjY0ZjAtZjFhMS00ZjYxLWI5YjAtZjAwZDY2N2QxNmFk\r\n\r\n");
        assertThat(page).startsWith("HTTP/1.1 503 ").contains("Retry-After: 5").contains("text/html")
                .contains("cannot reach its database");

        outage(false);
        // the pool makes new connections as requests ask: served again within seconds, no restart
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String again = RawHttp.get(port, queue, LEAD);
        while (!again.startsWith("HTTP/1.1 200 ") && System.nanoTime() < deadline) {
            Thread.sleep(250);
            again = RawHttp.get(port, queue, LEAD);
        }
        assertThat(again).startsWith("HTTP/1.1 200 ");
    }

    private static void outage(boolean on) {
        SERVER.sql("ALTER DATABASE \"" + DATABASE + "\" ALLOW_CONNECTIONS " + !on).update();
        if (on) {
            SERVER.sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :database")
                    .param("database", DATABASE).query(Boolean.class).list();
        }
    }
}
