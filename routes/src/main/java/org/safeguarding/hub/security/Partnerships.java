package org.safeguarding.hub.security;

import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The partnership check of every endpoint with a partnership in its path, done once, by method
 * security: {@code @PreAuthorize("hasAnyRole(...) and @partnerships.allows(principal, #partnershipId)")}.
 * Staff see only the partnerships their token names (KeycloakTokenConverter keeps those the
 * registry knows); partner systems and callers without a {@link HubUser} see none.
 *
 * <p>A refusal is thrown rather than answered {@code false}, so it keeps its own words (403 "you
 * have no access to partnership 'x'", 404 "no partnership 'x'") instead of the role refusal's "Your
 * role does not allow this.": an {@link ErrorResponseException}, which the web layer's problem
 * responses render as any other refusal with its status, title and detail. The bean is
 * {@code partnerships} in {@link SecurityConfiguration}.
 */
public class Partnerships {

    private final PartnerRegistry registry;

    Partnerships(PartnerRegistry registry) {
        this.registry = registry;
    }

    /** True when {@code principal} may see {@code partnershipId}'s child-level data or figures; else 403. */
    public boolean allows(Object principal, String partnershipId) {
        if (principal instanceof HubUser user && user.canSeePartnership(partnershipId)) {
            return true;
        }
        throw refusal(HttpStatus.FORBIDDEN, "Forbidden", "you have no access to partnership '" + partnershipId + "'");
    }

    /** True when the registry (partners.yml) knows {@code partnershipId}; else 404. */
    public boolean exists(String partnershipId) {
        if (registry.partnership(partnershipId).isPresent()) {
            return true;
        }
        throw refusal(HttpStatus.NOT_FOUND, "Not found", "no partnership '" + partnershipId + "'");
    }

    private static ErrorResponseException refusal(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }
}
