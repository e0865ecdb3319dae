package org.safeguarding.hub.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
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
 * @param matching     demographic match thresholds ({@link MatchThresholds}): {@code 0 < review-at < link-at <= 1}
 * @param dropFolder   the education drop folder; empty: no drop-folder route
 * @param healthPull   the health FHIR server polled for changes; its base URL empty: no pull route
 */
public record IntakeProperties(@Positive long maxBodyBytes, @NotNull @Valid Matching matching,
                               @NotNull String dropFolder, @NotNull @Valid HealthPullSource healthPull) {

    /**
     * {@code hub.intake.matching}: checked here, key by key, so that a wrong value is reported under its own
     * key with the other settings ({@link MatchThresholds}'s constructor would stop binding at the first).
     *
     * @param linkAt   a demographic score at or above this links the record to the known child; at most 1
     * @param reviewAt from this score up to link-at the pair is queued for review; above 0
     */
    public record Matching(@DecimalMax("1.0") double linkAt,
                           @DecimalMin(value = "0.0", inclusive = false) double reviewAt) {

        /** Named after the key it checks, so the failure reads {@code hub.intake.matching.review-at}. */
        @AssertTrue(message = "must be below link-at")
        public boolean isReviewAt() {
            return reviewAt < linkAt;
        }

        public MatchThresholds thresholds() {
            return new MatchThresholds(linkAt, reviewAt);
        }
    }

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
