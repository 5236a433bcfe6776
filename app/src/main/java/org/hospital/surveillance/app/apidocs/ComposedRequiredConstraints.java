package org.hospital.surveillance.app.apidocs;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Marks a request record's field as required when its constraint is a composed one that requires
 * it: swagger-core reads {@code @NotNull}, {@code @NotBlank} and {@code @NotEmpty} only where they
 * are written, not inside a composed constraint such as the command side's {@code @FactKey}
 * (every natural key is required). springdoc applies every {@link ModelConverter} bean.
 */
@Component
class ComposedRequiredConstraints implements ModelConverter {
    private static final List<Class<? extends Annotation>> REQUIRING = List.of(NotNull.class, NotBlank.class, NotEmpty.class);
    private static final String SCHEMAS = "#/components/schemas/";

    @Override
    public Schema<?> resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        JavaType javaType = Json.mapper().constructType(type.getType());
        Class<?> raw = javaType == null ? null : javaType.getRawClass();
        if (schema == null || raw == null || !raw.isRecord()) {
            return schema;
        }
        Schema<?> model = schema.get$ref() != null && schema.get$ref().startsWith(SCHEMAS)
                ? context.getDefinedModels().get(schema.get$ref().substring(SCHEMAS.length())) : schema;
        if (model == null || model.getProperties() == null) {
            return schema;
        }
        for (RecordComponent component : raw.getRecordComponents()) {
            boolean required = Arrays.stream(component.getAnnotations()).anyMatch(ComposedRequiredConstraints::requires);
            if (required && model.getProperties().containsKey(component.getName())
                    && (model.getRequired() == null || !model.getRequired().contains(component.getName()))) {
                model.addRequiredItem(component.getName());
            }
        }
        return schema;
    }

    private static boolean requires(Annotation annotation) {
        return REQUIRING.stream().anyMatch(annotation.annotationType()::isAnnotationPresent);
    }
}
