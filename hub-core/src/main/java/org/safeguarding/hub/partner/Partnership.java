package org.safeguarding.hub.partner;

import java.util.List;

/** A safeguarding children partnership: the tenant. Its children live in its postcode districts. */
public record Partnership(String id, String name, String localAuthority, int childPopulation,
                          List<String> postcodeDistricts) {
    public Partnership {
        postcodeDistricts = postcodeDistricts == null ? List.of() : List.copyOf(postcodeDistricts);
    }
}
