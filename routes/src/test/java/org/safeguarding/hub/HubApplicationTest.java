package org.safeguarding.hub;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@HubIntegrationTest
class HubApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsUpWithTheDatabaseInReadiness() throws Exception {
        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"");
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("UP");
        assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    }

    @Test
    void thePartnerRegistryIsWrittenToTheReferenceTables() {
        assertThat(jdbc.sql("SELECT child_population FROM partnership WHERE id = 'herefordshire'")
                .query(Integer.class).single()).isEqualTo(36029);
        assertThat(jdbc.sql("SELECT kind FROM agency WHERE id = 'west-mercia-police'")
                .query(String.class).single()).isEqualTo("police");
        assertThat(jdbc.sql("SELECT count(*) FROM partnership_agency WHERE agency_id = 'west-mercia-police'")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void everythingButHealthNeedsAToken() throws Exception {
        assertThat(get("/api/v1/anything").statusCode()).isEqualTo(401);
        assertThat(get("/actuator/env").statusCode()).isIn(401, 404);
    }
}
