package org.safeguarding.hub.security;

import org.safeguarding.hub.escalation.TimelinessSweep;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one mapping from a token, or an account a stored record names, to the name the pages show (issue 14,
 * outside tester: escalation histories showed {@code service-account-wye-valley-nhs-trust-feed}). A person is
 * shown by their token's {@code name} (Keycloak's first and last name); a partner system's service account
 * ({@code service-account-<client id>}) by its agency's name from partners.yml; the hub's own timeliness
 * sweep as the hub. Stored records keep the account (the audit trail's actor); a person's name is kept
 * by account in {@code staff_display_name} when they open a page ({@link #remember}), so every node shows it.
 * An account never seen on a page (an API-only user) is shown as the account.
 */
@Component
public class DisplayNames {

    private static final String SERVICE_ACCOUNT = "service-account-";

    private final PartnerRegistry registry;
    private final JdbcClient jdbc;
    private final Clock clock;
    /** What this node last wrote per account, so a page view writes only when a name changes. */
    private final Map<String, String> written = new ConcurrentHashMap<>();

    public DisplayNames(PartnerRegistry registry, JdbcClient jdbc, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The signed-in caller as shown: a partner system by its agency, a person by their token's name. */
    public String of(HubUser user) {
        if (user.isPartnerSystem()) {
            return registry.agency(user.agencyId()).map(Agency::name).orElse(user.name()) + " (partner system)";
        }
        return user.displayName() == null ? user.name() : user.displayName();
    }

    /** Keeps a person's display name by account, for pages that show what they recorded. */
    public void remember(HubUser user) {
        if (user.isPartnerSystem() || user.name() == null || of(user).equals(written.get(user.name()))) {
            return;
        }
        String shown = of(user);
        jdbc.sql("""
                INSERT INTO staff_display_name (account, display_name, seen_at) VALUES (:account, :shown, :at)
                ON CONFLICT (account) DO UPDATE SET display_name = EXCLUDED.display_name, seen_at = EXCLUDED.seen_at""")
                .param("account", user.name()).param("shown", shown)
                .param("at", java.time.OffsetDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC)).update();
        written.put(user.name(), shown);
    }

    /** One stored account as shown (see {@link #ofAccounts}). */
    public String ofAccount(String account) {
        return ofAccounts(List.of(account)).getOrDefault(account, "");
    }

    /**
     * Stored accounts as shown: a service account as its agency's system, the sweep as the hub, a person by
     * the name they were last seen with, else the account itself. Null accounts are left out.
     */
    public Map<String, String> ofAccounts(Collection<String> accounts) {
        Map<String, String> shown = new HashMap<>();
        List<String> people = accounts.stream().filter(a -> a != null && !isSystem(a))
                .distinct().toList();
        if (!people.isEmpty()) {
            jdbc.sql("SELECT account, display_name FROM staff_display_name WHERE account IN (:accounts)")
                    .param("accounts", people)
                    .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list()
                    .forEach(e -> shown.put(e.getKey(), e.getValue()));
        }
        for (String account : accounts) {
            if (account != null && !shown.containsKey(account)) {
                shown.put(account, system(account).orElse(account));
            }
        }
        return shown;
    }

    /** True for an account that is no person: a partner system's service account or the hub's sweep. */
    public static boolean isSystem(String account) {
        return account != null && (account.startsWith(SERVICE_ACCOUNT) || account.equals(TimelinessSweep.SWEEPER));
    }

    private Optional<String> system(String account) {
        if (account.equals(TimelinessSweep.SWEEPER)) {
            return Optional.of("The hub (timeliness check)");
        }
        if (account.startsWith(SERVICE_ACCOUNT)) {
            return registry.agencyOfClient(account.substring(SERVICE_ACCOUNT.length()))
                    .map(agency -> agency.name() + " (partner system)");
        }
        return Optional.empty();
    }
}
