package org.safeguarding.hub.settings;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration tables say what application.yml and the settings tree do: every row of a
 * table headed {@code | setting | environment variable | default | meaning |} names a key that exists,
 * the environment variable application.yml reads it from ({@code ${HUB_X:default}}) and the default
 * written there, character for character; and every leaf of {@link HubProperties} has its row. The
 * shipped defaults bind and pass the start-up validation on an environment with nothing else in it
 * (no environment variables, no system properties). No Spring context: a few hundred milliseconds.
 *
 * <p>How a row is read: a cell may hold several values separated by " / " ({@code `hub.a.b` / `c`} is
 * {@code hub.a.b} and {@code hub.a.c}; {@code .c} likewise); one default for several keys holds for
 * each; {@code empty} is the empty string; {@code none} (a map of overrides) has no default. Keys not
 * starting with {@code hub.}, {@code spring.} or {@code server.} are under the prefix of the section's
 * heading ({@code ### Transport guards (`hub.security.*`)}).
 */
class ConfigurationReferenceTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+):(.*)}");
    private static final Pattern HEADING_PREFIX = Pattern.compile("^#+ .*\\(`(hub\\.[a-z.-]+)\\.\\*`\\)");
    private static final Pattern TICKED = Pattern.compile("`([^`]*)`");

    /** One documented setting: its full key, its environment variable (empty for none), its default (empty for none). */
    record Row(String key, Optional<String> environment, Optional<String> defaultValue, int line) {
    }

    /** What application.yml says about a key: the variable it is read from, if any, and the default. */
    record Yml(Optional<String> environment, String defaultValue) {
    }

    static List<Row> readme;
    static Map<String, Yml> yml;
    static MutablePropertySources applicationYml;

    @BeforeAll
    static void read() throws IOException {
        readme = rows(Files.readAllLines(readmeFile()));
        applicationYml = new MutablePropertySources();
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(applicationYml::addLast);
        yml = new TreeMap<>();
        for (var source : applicationYml) {
            for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
                String raw = String.valueOf(source.getProperty(name));
                Matcher placeholder = PLACEHOLDER.matcher(raw);
                yml.put(name, placeholder.matches() ? new Yml(Optional.of(placeholder.group(1)), placeholder.group(2))
                        : new Yml(Optional.empty(), raw));
            }
        }
    }

    @Test
    void everyDocumentedSettingHasItsVariableAndDefaultInApplicationYml() {
        assertThat(readme).hasSizeGreaterThan(30); // the tables were found and read
        List<String> differences = new ArrayList<>();
        for (Row row : readme) {
            if (row.key().endsWith(".<key>")) {
                continue; // a map of overrides: nothing in application.yml; its key is checked against the tree
            }
            Yml written = yml.get(row.key());
            if (written == null) {
                differences.add("README line " + row.line() + ": " + row.key() + " is not in application.yml");
                continue;
            }
            if (!written.environment().equals(row.environment())) {
                differences.add("README line " + row.line() + ": " + row.key() + " is read from "
                        + written.environment().orElse("no variable") + ", the README says " + row.environment().orElse("none"));
            }
            if (!row.defaultValue().equals(Optional.of(written.defaultValue()))) {
                differences.add("README line " + row.line() + ": " + row.key() + " defaults to '" + written.defaultValue()
                        + "', the README says " + row.defaultValue().map(d -> "'" + d + "'").orElse("none"));
            }
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void everySettingOfTheTreeIsDocumentedAndNoOther() {
        Set<String> documented = new TreeSet<>();
        readme.stream().map(Row::key).filter(key -> key.startsWith("hub.")).forEach(documented::add);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(leaves("hub", HubProperties.class, new TreeSet<>()));
    }

    @Test
    void everyHubSettingInApplicationYmlIsBound() {
        Set<String> leaves = new TreeSet<>();
        leaves("hub", HubProperties.class, new TreeSet<>()).forEach(leaf -> leaves.add(leaf.replace(".<key>", "")));
        assertThat(yml.keySet().stream().filter(key -> key.startsWith("hub.")))
                .allSatisfy(key -> assertThat(leaves).contains(key));
    }

    @Test
    void theShippedDefaultsBindAndPassTheStartUpValidation() {
        // Placeholders resolve against application.yml alone: ${HUB_X:default} gives its default.
        Binder binder = new Binder(ConfigurationPropertySources.from(applicationYml),
                new PropertySourcesPlaceholdersResolver(applicationYml), ApplicationConversionService.getSharedInstance());
        HubProperties defaults = binder.bindOrCreate("hub", HubProperties.class);
        Errors errors = new BeanPropertyBindingResult(defaults, "hub");
        new SettingsValidator().validate(defaults, errors);
        assertThat(errors.getAllErrors()).isEmpty();
        // Hand-checked against the README: 16 MiB = 16 x 1,048,576 = 16,777,216 bytes; 20MB = 20 x 1,048,576.
        assertThat(defaults.intake().maxBodyBytes()).isEqualTo(16_777_216L);
        assertThat(defaults.security().maxRequestSize().toBytes()).isEqualTo(20_971_520L);
        assertThat(defaults.outbox().pollInterval().toMillis()).isEqualTo(2000);
        assertThat(defaults.configDir()).isEmpty();
        assertThat(defaults.security().corsAllowedOrigins()).isEmpty();
        assertThat(defaults.security().rateLimit().clients()).isEmpty();
    }

    /** The keys of a settings record's leaves: a record is walked into, a map is one leaf {@code name.<key>}. */
    private static Set<String> leaves(String prefix, Class<?> type, Set<String> into) {
        for (RecordComponent component : type.getRecordComponents()) {
            String key = prefix + "." + DataObjectPropertyName.toDashedForm(component.getName());
            if (component.getType().isRecord()) {
                leaves(key, component.getType(), into);
            } else {
                into.add(Map.class.isAssignableFrom(component.getType()) ? key + ".<key>" : key);
            }
        }
        return into;
    }

    private static List<Row> rows(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        String prefix = "";
        boolean inTable = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher heading = HEADING_PREFIX.matcher(line);
            if (line.startsWith("#")) {
                prefix = heading.find() ? heading.group(1) : "";
            }
            if (line.startsWith("| setting | environment variable | default |")) {
                inTable = true;
                i++; // the |---| line
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
            }
            if (inTable) {
                rows.addAll(row(line, prefix, i + 1));
            }
        }
        return rows;
    }

    private static List<Row> row(String line, String prefix, int number) {
        String[] cells = line.split("\\|");
        List<String> keys = keys(ticked(cells[1]), prefix);
        List<String> environment = ticked(cells[2]);
        String defaults = cells[3].strip();
        List<String> values = defaults.startsWith("empty") ? List.of("") : ticked(defaults);
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            Optional<String> variable = environment.isEmpty() ? Optional.empty()
                    : Optional.of(environment.get(environment.size() == 1 ? 0 : k));
            Optional<String> value = defaults.startsWith("none") ? Optional.empty()
                    : Optional.of(values.get(values.size() == 1 ? 0 : k));
            rows.add(new Row(keys.get(k), variable, value, number));
        }
        return rows;
    }

    /** {@code a.b.c}, {@code d} or {@code .d} -> {@code a.b.c}, {@code a.b.d}; relative to the section's prefix. */
    private static List<String> keys(List<String> written, String prefix) {
        List<String> keys = new ArrayList<>();
        String first = written.get(0);
        if (!(first.startsWith("hub.") || first.startsWith("spring.") || first.startsWith("server."))) {
            first = prefix + "." + first;
        }
        keys.add(first);
        String parent = first.substring(0, first.lastIndexOf('.') + 1);
        written.stream().skip(1).map(k -> parent + k.replaceFirst("^\\.", "")).forEach(keys::add);
        return keys;
    }

    private static List<String> ticked(String cell) {
        List<String> values = new ArrayList<>();
        Matcher m = TICKED.matcher(cell);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static Path readmeFile() {
        Path here = Path.of("").toAbsolutePath();
        while (!Files.exists(here.resolve("README.md")) || !Files.exists(here.resolve("routes"))) {
            here = here.getParent();
        }
        return here.resolve("README.md");
    }

}
