package org.safeguarding.hub.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/**
 * {@code hub.web}: how the pages sign staff in ({@link PageSecurity}).
 *
 * @param clientId       the realm's public client the pages use (authorization code + PKCE)
 * @param quietFeedAfter how long a partner feed may send nothing before the feeds page warns that it is quiet
 */
public record WebProperties(@NotBlank String clientId, @NotNull java.time.Duration quietFeedAfter) {
}
