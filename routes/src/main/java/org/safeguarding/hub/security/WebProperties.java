package org.safeguarding.hub.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.LocalDate;

/**
 * {@code hub.web}: how the pages sign staff in ({@link PageSecurity}), and what they say.
 *
 * @param clientId       the realm's public client the pages use (authorization code + PKCE)
 * @param quietFeedAfter how long a partner feed may send nothing before the feeds page warns that it is quiet
 * @param accessibility  the accessibility statement's dates and contact
 */
public record WebProperties(@NotBlank String clientId, @NotNull java.time.Duration quietFeedAfter,
                            @NotNull @Valid Accessibility accessibility) {

    /**
     * What the accessibility statement must give (GOV.UK's model statement, under the Public Sector Bodies
     * Accessibility Regulations 2018): when it was prepared and last reviewed, and whom to contact about a
     * problem. Each partnership runs its own hub, so each sets its own.
     *
     * @param prepared     the date the statement was first prepared
     * @param reviewed     the date it was last reviewed (not before {@code prepared})
     * @param contactName  who answers (a team, e.g. the partnership's business unit)
     * @param contactEmail their e-mail address
     * @param contactPhone their phone number, optional
     */
    public record Accessibility(@NotNull LocalDate prepared, @NotNull LocalDate reviewed, @NotBlank String contactName,
                                @NotBlank @Email String contactEmail, String contactPhone) {

        @jakarta.validation.constraints.AssertTrue(message = "reviewed must not be before prepared")
        public boolean isReviewedAfterPrepared() {
            return prepared == null || reviewed == null || !reviewed.isBefore(prepared);
        }
    }
}
