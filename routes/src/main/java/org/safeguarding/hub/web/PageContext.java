package org.safeguarding.hub.web;

import org.safeguarding.hub.partner.Partnership;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.security.HubOidcUser;
import org.safeguarding.hub.security.HubUser;
import org.safeguarding.hub.security.Role;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

import java.util.Comparator;
import java.util.List;

/**
 * What every page needs: the signed-in user, the partnership being looked at (one the user may see)
 * and the navigation the user's roles allow.
 */
@Component
public class PageContext {

    private final PartnerRegistry registry;
    private final org.safeguarding.hub.security.DisplayNames names;

    public PageContext(PartnerRegistry registry, org.safeguarding.hub.security.DisplayNames names) {
        this.registry = registry;
        this.names = names;
    }

    /**
     * The partnership asked for, or the user's first; a partnership the user may not see is refused. Also
     * {@code notice}: what the page must say once (a form sent after the sign-in ended, security.SignedOutForms).
     */
    public Partnership partnership(HubOidcUser principal, String asked, Model model) {
        HubUser user = principal.user();
        List<Partnership> mine = registry.partnerships().stream().filter(p -> user.canSeePartnership(p.id()))
                .sorted(Comparator.comparing(Partnership::name)).toList();
        Partnership chosen = asked == null || asked.isBlank() ? mine.stream().findFirst().orElse(null)
                : mine.stream().filter(p -> p.id().equals(asked)).findFirst().orElse(null);
        if (chosen == null) {
            throw HubProblem.forbidden(asked == null ? "your account names no partnership"
                    : "you have no access to partnership '" + asked + "'");
        }
        model.addAttribute("user", user);
        model.addAttribute("userName", names.of(user));
        names.remember(user); // so pages show this person's name, not their account, on what they record
        model.addAttribute("partnership", chosen);
        model.addAttribute("partnerships", mine);
        model.addAttribute("mashStaff", user.has(Role.MASH_PRACTITIONER) || user.has(Role.MASH_LEAD));
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes current) {
            org.safeguarding.hub.security.SignedOutForms.takeNotice(current.getRequest().getSession(false))
                    .ifPresent(notice -> model.addAttribute("notice", notice));
        }
        model.addAttribute("feedsReader", user.has(Role.MASH_PRACTITIONER) || user.has(Role.MASH_LEAD)
                || user.has(Role.HUB_ADMIN));
        return chosen;
    }

    public String agencyName(String agencyId) {
        return agencyId == null ? "" : registry.agency(agencyId).map(a -> a.name()).orElse(agencyId);
    }

    /**
     * A page form's fields as the JSON the API would have received, for the message store: a page
     * action is recorded like the API's (sorted keys, so the same form gives the same text).
     */
    public String json(java.util.Map<String, ?> fields) {
        return JSON.writeValueAsString(new java.util.TreeMap<>(fields));
    }

    /** A form field as typed, or null when it was left empty (blank). */
    public static String given(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
}
