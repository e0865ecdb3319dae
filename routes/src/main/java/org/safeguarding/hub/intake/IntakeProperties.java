package org.safeguarding.hub.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import org.safeguarding.hub.child.MatchThresholds;

/**
 * {@code hub.intake}: partner intake ({@link RequestBodies}, {@link IntakeConfiguration},
 * {@link IntakeSourceRoutes}).
 *
 * @param maxBodyBytes the largest partner message accepted, in bytes; larger ones get 413
 * @param matching     demographic match thresholds ({@link MatchThresholds} refuses an impossible pair:
 *                     it needs {@code 0 < review-at < link-at <= 1})
 * @param dropFolder   the education drop folder; empty: no drop-folder route
 * @param healthPull   the health FHIR server polled for changes; its base URL empty: no pull route
 */
public record IntakeProperties(@Positive long maxBodyBytes, @NotNull MatchThresholds matching,
                               @NotNull String dropFolder, @NotNull @Valid HealthPullSource healthPull) {

    /**
     * @param baseUrl  the partner's FHIR base, an http(s) URL; empty: off
     * @param agency   whose feed the pulled records are (an agency of partners.yml)
     * @param resource the resource type searched, e.g. Encounter
     * @param delayMs  between two polls, in milliseconds
     */
    public record HealthPullSource(@NotNull @Pattern(regexp = "|https?://\\S+", message = "must be empty or an http(s) URL")
                                   String baseUrl,
                                   @NotBlank String agency,
                                   @NotBlank @Pattern(regexp = "[A-Z][A-Za-z]*", message = "must be a FHIR resource type such as Encounter")
                                   String resource,
                                   @Positive long delayMs) {

        /** True when the pull is configured. */
        public boolean on() {
            return !baseUrl.isBlank();
        }
    }
}
