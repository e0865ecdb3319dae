package org.safeguarding.hub.config;

import java.util.List;

/** The hub's configuration is wrong; the message says which file, which entry and why. */
public class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Throws one exception listing every problem, so an operator fixes them all in one go. */
    public static void throwIfAny(String file, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigurationException(file + " has " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
    }
}
