package io.spillway.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Arrays;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.core.exc.StreamReadException;

/** Turns Jackson's reasons for rejecting a body into a sentence a user can act on. */
final class RequestBodyErrors {
    private RequestBodyErrors() {
    }

    static String describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "': remove it (known fields: "
                    + unknown.getKnownPropertyIds() + ")";
        }
        if (cause instanceof InvalidTypeIdException typeId) {
            return describe(typeId);
        }
        if (cause instanceof InvalidFormatException format) {
            return "field '" + path(format) + "' has the wrong type or format (got " + format.getValue() + ")";
        }
        if (cause instanceof MismatchedInputException mismatch) {
            String field = path(mismatch);
            return field.isEmpty() ? "the request body has the wrong shape: send a JSON object"
                    : "field '" + field + "' has the wrong type";
        }
        if (cause instanceof StreamReadException) {
            return "the request body is not valid JSON: " + firstLine(cause.getMessage());
        }
        return "the request body is missing or unreadable: send a JSON object with Content-Type application/json";
    }

    /** A polymorphic body (e.g. a connection) without a known kind: name the field and the kinds there are. */
    private static String describe(InvalidTypeIdException e) {
        Class<?> base = e.getBaseType() == null ? null : e.getBaseType().getRawClass();
        JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
        String field = info == null || info.property().isEmpty() ? "type" : info.property();
        JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
        String known = subtypes == null ? "" : ": use one of " + Arrays.stream(subtypes.value())
                .map(JsonSubTypes.Type::name).toList();
        return e.getTypeId() == null || e.getTypeId().isEmpty()
                ? "field '" + field + "' is missing" + known
                : "field '" + field + "' names an unknown kind '" + e.getTypeId() + "'" + known;
    }

    private static String path(DatabindException e) {
        return e.getPath().stream()
                .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("");
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
