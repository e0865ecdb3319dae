package org.safeguarding.hub.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the operator's configuration files come from: a directory named by the
 * {@code hub.config-dir} setting when given, otherwise the defaults shipped in the config
 * module (on the classpath under {@code hub/}). Files are YAML with kebab-case keys.
 */
public final class ConfigFiles {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final Path directory;

    /** @param directory the operator's directory, or null for the shipped defaults */
    public ConfigFiles(Path directory) {
        this.directory = directory;
    }

    public static ConfigFiles defaults() {
        return new ConfigFiles(null);
    }

    /** Reads {@code name} (e.g. "partners.yml") as {@code type}; problems name the file and the place. */
    public <T> T read(String name, Class<T> type) {
        try (InputStream in = open(name)) {
            T value = YAML.readValue(in, type);
            if (value == null) {
                throw new ConfigurationException(name + " is empty");
            }
            return value;
        } catch (JacksonException e) {
            throw new ConfigurationException(name + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (IOException e) {
            throw new ConfigurationException(name + ": " + e.getMessage(), e);
        }
    }

    public String describe(String name) {
        return directory != null && Files.exists(directory.resolve(name))
                ? directory.resolve(name).toString() : "classpath:hub/" + name;
    }

    private InputStream open(String name) throws IOException {
        if (directory != null && Files.exists(directory.resolve(name))) {
            return Files.newInputStream(directory.resolve(name));
        }
        InputStream shipped = ConfigFiles.class.getClassLoader().getResourceAsStream("hub/" + name);
        if (shipped == null) {
            throw new ConfigurationException("configuration file " + name + " not found in "
                    + (directory == null ? "" : directory + " nor ") + "the shipped defaults");
        }
        return shipped;
    }
}
