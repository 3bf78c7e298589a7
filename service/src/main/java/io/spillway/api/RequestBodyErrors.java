package io.spillway.api;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
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
