package org.safeguarding.hub.flags;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Flag;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Reference;
import org.safeguarding.hub.fhir.OperationOutcomes;
import org.safeguarding.hub.partner.Agency;

import java.util.List;
import java.util.UUID;

/**
 * Flags as FHIR R4: one {@link Flag} per {@link ProtectionFlag}, status active, category {@code safety}
 * (HL7 flag-category), code the kind ({@link FlagKind#SYSTEM}), subject the NHS number asked for (by
 * identifier: nothing else about the child), period.start the start date, author the owning council
 * (a contained Organization with the hub's agency id, its name and its contact from partners.yml).
 */
final class FlagResources {

    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/flag-category";
    static final String AGENCY_SYSTEM = "urn:safeguarding-hub:agency";

    private FlagResources() {
    }

    /** Why a search for flags not in force finds none: an outcome entry of the searchset. */
    static final String ONLY_CURRENT = "The hub shares child protection flags in force only (a current plan or period "
            + "in care); it answers no ended or inactive flag.";

    /**
     * {@code page} of {@code total} flags found for {@code nhsNumber}, with the next page's link when
     * there is one (null when not); {@code current} false adds {@link #ONLY_CURRENT} as an outcome entry.
     */
    static Bundle searchset(List<ProtectionFlag> page, int total, String nhsNumber, boolean current, String base,
                            String self, String next) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(total);
        bundle.setId(UUID.randomUUID().toString());
        bundle.addLink().setRelation("self").setUrl(self);
        if (next != null) {
            bundle.addLink().setRelation("next").setUrl(next);
        }
        for (ProtectionFlag flag : page) {
            bundle.addEntry().setFullUrl(base + "/Flag/" + flag.id()).setResource(flag(flag, nhsNumber))
                    .getSearch().setMode(Bundle.SearchEntryMode.MATCH);
        }
        if (!current) {
            bundle.addEntry().setResource(OperationOutcomes.of(OperationOutcome.IssueSeverity.INFORMATION,
                    OperationOutcome.IssueType.INFORMATIONAL, ONLY_CURRENT, List.of(FlagSearch.STATUS)))
                    .getSearch().setMode(Bundle.SearchEntryMode.OUTCOME);
        }
        return bundle;
    }

    static Flag flag(ProtectionFlag flag, String nhsNumber) {
        Flag resource = new Flag().setStatus(Flag.FlagStatus.ACTIVE);
        resource.setId(flag.id().toString());
        resource.addCategory().addCoding(new Coding(CATEGORY_SYSTEM, "safety", "Safety"));
        resource.getCode().setText(flag.kind().display()).addCoding(new Coding(FlagKind.SYSTEM, flag.kind().code(),
                flag.kind().display()));
        resource.setSubject(new Reference().setIdentifier(new Identifier().setSystem(FlagSearch.NHS_NUMBER_SYSTEM)
                .setValue(nhsNumber)));
        resource.getPeriod().setStartElement(new DateTimeType(flag.startedOn().toString()));
        resource.addContained(council(flag.council()));
        resource.setAuthor(new Reference("#council").setDisplay(flag.council().name()));
        return resource;
    }

    private static Organization council(Agency agency) {
        Organization council = new Organization().setName(agency.name());
        council.setId("council");
        council.addIdentifier().setSystem(AGENCY_SYSTEM).setValue(agency.id());
        Agency.ContactPoint contact = agency.contact();
        if (contact != null) {
            Organization.OrganizationContactComponent to = council.addContact();
            if (contact.name() != null) {
                to.setName(new HumanName().setText(contact.name()));
            }
            if (contact.phone() != null) {
                to.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(contact.phone());
            }
            if (contact.email() != null) {
                to.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(contact.email());
            }
        }
        return council;
    }
}
