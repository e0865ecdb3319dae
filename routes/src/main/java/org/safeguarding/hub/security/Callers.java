package org.safeguarding.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.safeguarding.hub.action.Actor;
import org.springframework.security.core.context.SecurityContextHolder;

import java.util.List;

/**
 * The caller as the services see it: who acts, for which agency, in which role, from where. (The
 * partnership check every child-level call makes is method security's {@code @partnerships}, security.Partnerships.)
 */
public final class Callers {

    /** Most specific first: the role an action is recorded under. */
    private static final List<Role> PRECEDENCE = List.of(Role.MASH_LEAD, Role.MASH_PRACTITIONER, Role.PARTNER_SYSTEM,
            Role.SCHOOL, Role.EDUCATION_SAFEGUARDING_LEAD,
            Role.HUB_ADMIN, Role.AUDITOR, Role.PARTNERSHIP_VIEWER);

    private Callers() {
    }

    /**
     * The authenticated caller of the current request, where no {@code @AuthenticationPrincipal} is
     * injected (the FHIR server's providers). Only for code behind method security that requires a role,
     * so there is one.
     */
    public static HubUser current() {
        return (HubUser) SecurityContextHolder.getContext().getAuthentication().getPrincipal();
    }

    public static Actor actor(HubUser user, HttpServletRequest request) {
        String role = PRECEDENCE.stream().filter(user::has).map(Role::roleName).findFirst().orElse("none");
        return new Actor(user.name(), user.agencyId(), role, request.getRemoteAddr());
    }
}
