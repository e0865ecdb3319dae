package org.safeguarding.hub.fhir;

/**
 * A HAPI FHIR plain provider: the hub's system-level interactions ({@code POST [base]} transactions
 * and batches). Every bean of this type is registered on the FHIR server, as every
 * {@link ca.uhn.fhir.rest.server.IResourceProvider} bean is: adding an interaction is adding a bean.
 */
public interface SystemLevelProvider {
}
