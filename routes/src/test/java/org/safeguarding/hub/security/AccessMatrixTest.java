package org.safeguarding.hub.security;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.safeguarding.hub.support.HubIntegrationTest;
import org.safeguarding.hub.support.TestTokens;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.stream.Stream;

/** The access matrix with locally signed tokens: quick feedback; KeycloakAccessMatrixTest runs it with real ones. */
@HubIntegrationTest
class AccessMatrixTest {

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicTest> everyRoleGetsExactlyTheEndpointsItMayUse() {
        return AccessMatrix.check("http://127.0.0.1:" + port, AccessMatrixTest::token);
    }

    static String token(Caller caller) {
        return caller.partnerClientId() != null ? TestTokens.partnerSystem(caller.partnerClientId())
                : TestTokens.staff("matrix-" + caller.staffRole(), caller.staffRole(), "herefordshire");
    }
}
