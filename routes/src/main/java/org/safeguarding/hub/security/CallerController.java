package org.safeguarding.hub.security;

import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Who the hub takes the caller to be: lets a partner's integrator or a member of staff check that
 * their token maps to the right agency, partnerships and roles. Says nothing about children.
 */
@RestController
class CallerController {

    /** The caller as the hub sees it; roles and partnerships sorted for a stable answer. */
    record Caller(String subject, String name, String clientId, String agency, List<String> partnerships,
                  List<String> roles) {
    }

    @GetMapping(path = "/api/v1/me", produces = MediaType.APPLICATION_JSON_VALUE)
    Caller me(@AuthenticationPrincipal HubUser user) {
        return new Caller(user.subject(), user.name(), user.clientId(), user.agencyId(),
                user.partnerships().stream().sorted().toList(),
                user.roles().stream().map(Role::roleName).sorted().toList());
    }
}
