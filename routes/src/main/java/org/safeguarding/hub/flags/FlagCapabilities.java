package org.safeguarding.hub.flags;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Enumerations;
import org.springframework.stereotype.Component;

/**
 * The CapabilityStatement lists the flag search's parameters: {@link FlagProvider} declares none to HAPI
 * (it reads {@code patient:identifier}, {@code patient.identifier} and {@code status} itself, {@link FlagSearch}).
 */
@Component
@Interceptor
class FlagCapabilities {

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void flagSearch(IBaseConformance generated) {
        ((CapabilityStatement) generated).getRestFirstRep().getResource().stream()
                .filter(r -> r.getType().equals("Flag")).findFirst()
                .ifPresent(flag -> {
                    flag.addSearchParam().setName("patient").setType(Enumerations.SearchParamType.REFERENCE)
                            .setDocumentation("The child by NHS number only: patient:identifier (or patient.identifier)="
                                    + FlagSearch.NHS_NUMBER_SYSTEM + "|<10 digits>. One number per search.");
                    flag.addSearchParam().setName(FlagSearch.STATUS).setType(Enumerations.SearchParamType.TOKEN)
                            .setDocumentation("active (the default) finds the flags in force; inactive and "
                                    + "entered-in-error find none. " + FlagResources.ONLY_CURRENT);
                });
    }
}
