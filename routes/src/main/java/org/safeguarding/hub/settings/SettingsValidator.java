package org.safeguarding.hub.settings;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Validation;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Jakarta Bean Validation of {@link HubProperties}, run by Spring Boot right after binding (it is the
 * context's {@code configurationPropertiesValidator}). Two things differ from Boot's own validator:
 * properties are named as they are written ({@code hub.outbox.batch-size}, not {@code batchSize}),
 * so the start-up failure names the key the operator sets; and {@code @Positive} also applies to a
 * {@link DataSize} (such as {@code hub.security.max-request-size}).
 */
final class SettingsValidator implements Validator {

    private final SpringValidatorAdapter jakarta;

    SettingsValidator() {
        HibernateValidatorConfiguration configuration = Validation.byProvider(HibernateValidator.class).configure()
                .propertyNodeNameProvider(property -> DataObjectPropertyName.toDashedForm(property.getName()));
        ConstraintMapping sizes = configuration.createConstraintMapping();
        sizes.constraintDefinition(Positive.class).includeExistingValidators(true).validatedBy(PositiveDataSize.class);
        this.jakarta = new SpringValidatorAdapter(configuration.addMapping(sizes).buildValidatorFactory().getValidator());
    }

    @Override
    public boolean supports(Class<?> type) {
        return HubProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        jakarta.validate(target, errors);
    }

    /** {@code @Positive} on a {@link DataSize}: more than 0 bytes; null is left to {@code @NotNull}. */
    public static final class PositiveDataSize implements ConstraintValidator<Positive, DataSize> {
        @Override
        public boolean isValid(DataSize size, ConstraintValidatorContext context) {
            return size == null || size.toBytes() > 0;
        }
    }
}
