package org.safeguarding.hub.keycloak;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, an outside tester: Keycloak 26.5 on JDK 25 needs {@code --add-opens java.base/java.lang=ALL-UNNAMED}
 * (its worker threads die without it), kc.sh does not add it, and the local Keycloak of {@code ./hub demo}
 * and the tests dropped the {@code JAVA_OPTS} that gave it. The
 * environment {@link LocalKeycloak} gives Keycloak's own launcher (kc.sh, run for real here with
 * {@code --version} and {@code PRINT_ENV=true}, which prints the options it starts the JVM with) keeps
 * kc.sh's defaults and adds the operator's options after them.
 */
class KeycloakJavaOptionsTest {

    @Test
    void theOperatorsJavaOptionsReachKeycloakAfterItsOwnDefaults() throws Exception {
        Map<String, String> environment = new HashMap<>(Map.of(
                "JAVA_OPTS", "-Dhub.test.opts=yes",
                "JAVA_OPTS_APPEND", "-Dhub.test.appended=yes"));

        String printed = kcSh(environment, "--version");

        String options = printed.lines().filter(line -> line.startsWith("Using JAVA_OPTS: ")).findFirst().orElseThrow();
        // kc.sh's own defaults, its add-opens and the hub's heap: a set JAVA_OPTS would have replaced the first and the last.
        assertThat(options).contains("-XX:MaxMetaspaceSize=256m", "-Dfile.encoding=UTF-8",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "-Xmx512m");
        // The operator's, after them (the later of two options wins in the JVM).
        assertThat(options).endsWith("-Dhub.test.opts=yes -Dhub.test.appended=yes");
        // What Java 24 and later need for Keycloak 26.5, which kc.sh leaves out (this machine's Keycloak JDK is 25).
        if (LocalKeycloak.featureVersion(LocalKeycloak.javaHome()) >= 24) {
            assertThat(options).contains("--add-opens=java.base/java.lang=ALL-UNNAMED -Dhub.test.opts=yes");
        }
        assertThat(printed).contains("Keycloak 26");
    }

    @Test
    void withNothingGivenKeycloakGetsItsDefaultsAndTheHubsHeap() throws Exception {
        Map<String, String> environment = new HashMap<>();

        LocalKeycloak.javaEnvironment(environment, Path.of("/jdk"));

        assertThat(environment).containsEntry("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m").containsEntry("JAVA_HOME", "/jdk")
                .doesNotContainKeys("JAVA_OPTS", "JAVA_OPTS_APPEND");
    }

    /** Runs the distribution's kc.sh with the environment LocalKeycloak would give it; its output. */
    private static String kcSh(Map<String, String> given, String argument) throws IOException, InterruptedException {
        Path home = LocalKeycloak.home(System.getProperty("keycloak.home"));
        home.resolve("bin/kc.sh").toFile().setExecutable(true);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/kc.sh").toString(), argument).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        builder.environment().remove("JAVA_OPTS_APPEND");
        builder.environment().remove("JAVA_OPTS_KC_HEAP");
        builder.environment().putAll(given);
        builder.environment().put("PRINT_ENV", "true");
        LocalKeycloak.javaEnvironment(builder.environment(), LocalKeycloak.javaHome());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
