package org.safeguarding.hub.security;

import jakarta.validation.constraints.NotBlank;

/**
 * {@code hub.web}: how the pages sign staff in ({@link PageSecurity}).
 *
 * @param clientId the realm's public client the pages use (authorization code + PKCE)
 */
public record WebProperties(@NotBlank String clientId) {
}
