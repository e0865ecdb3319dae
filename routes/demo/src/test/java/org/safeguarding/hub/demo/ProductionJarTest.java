package org.safeguarding.hub.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The production jar (routes' {@code hub-routes-<version>-exec.jar}, what {@code ./hub run} starts)
 * carries none of the demo: no class of this package or of the local Keycloak launcher, and neither
 * module's jar among its libraries. Routes packages it before this module's tests run: this module
 * depends on routes, so the reactor builds routes (through {@code package} in {@code ./mvnw -B verify})
 * first. Surefire names the jar in {@code hub.production-jar}.
 */
class ProductionJarTest {

    /** The demo's and the local Keycloak launcher's classes, and their modules' jars as libraries. */
    private static final List<String> DEMO = List.of("org/safeguarding/hub/demo/", "org/safeguarding/hub/keycloak/",
            "BOOT-INF/lib/hub-demo-", "BOOT-INF/lib/hub-local-keycloak-", "BOOT-INF/lib/hub-routes-");
    private static final Path JAR = Path.of(System.getProperty("hub.production-jar", "../target/missing.jar"));

    @Test
    void theProductionJarHoldsTheHubButNoDemoClassAndNoDemoLibrary() throws IOException {
        // Only a build that packaged routes has the jar (./mvnw -B verify, package); `test` alone has not.
        assumeTrue(Files.isRegularFile(JAR), JAR + " is not built: run ./mvnw -B verify");
        List<String> entries;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            entries = jar.stream().map(ZipEntry::getName).toList();
        }
        // The right jar: the hub's application class and its libraries are in it.
        assertThat(entries).contains("BOOT-INF/classes/org/safeguarding/hub/HubApplication.class")
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/hub-core-"));
        List<String> demo = entries.stream().filter(e -> DEMO.stream().anyMatch(e::contains)).toList();
        assertThat(demo).as("demo classes and demo-only libraries in " + JAR).isEmpty();
    }
}
