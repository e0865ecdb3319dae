package org.safeguarding.hub.intake;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the intake HTTP tests share: the running hub's port, an HTTP client for it, and SQL to check rows. */
abstract class IntakeHttpTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    IntakeHttp http;

    @BeforeEach
    void client() {
        http = new IntakeHttp(port);
    }
}
