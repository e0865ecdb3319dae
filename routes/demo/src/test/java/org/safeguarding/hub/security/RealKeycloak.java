package org.safeguarding.hub.security;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the shared {@link KeycloakServer} for a test class (once per test run, however many
 * classes use it) and stops it when the run ends, pass or fail, through the root store.
 */
public final class RealKeycloak implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RealKeycloak.class, key -> new Stopper(KeycloakServer.shared()), Stopper.class);
    }

    /** Closed by JUnit when the root context ends. */
    private record Stopper(KeycloakServer server) implements AutoCloseable {
        @Override
        public void close() {
            KeycloakServer.stopShared();
        }
    }
}
