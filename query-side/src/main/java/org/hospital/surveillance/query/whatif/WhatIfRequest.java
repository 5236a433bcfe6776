package org.hospital.surveillance.query.whatif;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.time.Instant;
import org.hospital.surveillance.rules.cluster.ClusterSettings;

/**
 * Body of {@code POST /api/what-if/clusters}, read and checked like every request body (an
 * unknown field is a 400: a misspelt {@code "window"} silently ignored would answer another
 * question than the one asked). Absent parameters take the live rule's values.
 */
@WhatIfRequest.PeriodInOrder
record WhatIfRequest(
        @NotNull(message = "is required") Instant from,
        @NotNull(message = "is required") Instant to,
        @Min(value = 1, message = "must be at least 1") Integer windowDays,
        @Min(value = 2, message = "must be at least 2 (one case is not a cluster)") Integer threshold,
        WhatIfQuestion.Match match,
        WhatIfQuestion.Scope scope) {

    /** The question asked, with the live rule's window and threshold and its grouping where none is given. */
    WhatIfQuestion question(ClusterSettings live) {
        return new WhatIfQuestion(from, to,
                new ClusterSettings(windowDays == null ? live.windowDays() : windowDays,
                        threshold == null ? live.threshold() : threshold),
                match == null ? WhatIfQuestion.Match.ORGANISM_AND_PHENOTYPE : match,
                scope == null ? WhatIfQuestion.Scope.WARD : scope);
    }

    /** {@code to} after {@code from}, once both are given; reported on {@code to}. */
    @Constraint(validatedBy = PeriodInOrder.Validator.class)
    @Documented
    @Retention(RUNTIME)
    @Target(TYPE)
    @interface PeriodInOrder {
        String message() default "must be after from";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Validator implements ConstraintValidator<PeriodInOrder, WhatIfRequest> {
            @Override
            public boolean isValid(WhatIfRequest request, ConstraintValidatorContext context) {
                if (request == null || request.from() == null || request.to() == null || request.from().isBefore(request.to())) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("to").addConstraintViolation();
                return false;
            }
        }
    }
}
