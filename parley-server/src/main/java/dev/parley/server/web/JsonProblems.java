package dev.parley.server.web;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import java.util.regex.Pattern;

/** Jackson's read failures as a field and a reason, without the Java types its messages name. */
final class JsonProblems {

    /** {@code dev.parley.X}, {@code java.lang}, {@code SomethingException}, Jackson's {@code `Type`} quotes. */
    private static final Pattern JAVA = Pattern.compile("[a-z]\\.[a-z]+\\.[A-Za-z]|Exception|java\\.|`[A-Za-z][\\w.$]*`|ResponseEntity");
    private static final Pattern SOURCE = Pattern.compile(",? from `[^`]*`");

    private JsonProblems() {
    }

    static boolean showsJava(String text) {
        return text != null && JAVA.matcher(text).find();
    }

    /** {@code body.organization_id}, {@code body.items[2]}: the JSON path Jackson was at. */
    static String field(JacksonException e) {
        StringBuilder field = new StringBuilder("body");
        for (JacksonException.Reference step : e.getPath()) {
            if (step.getPropertyName() != null) {
                field.append('.').append(step.getPropertyName());
            } else if (step.getIndex() >= 0) {
                field.append('[').append(step.getIndex()).append(']');
            }
        }
        return field.toString();
    }

    static String reason(JacksonException e) {
        if (e instanceof MismatchedInputException) {
            return "is missing or has the wrong type";
        }
        if (e instanceof StreamReadException) {
            return "is not valid JSON";
        }
        return "could not be read";
    }

    /** "Document nesting depth (65) exceeds the maximum allowed (64)", without where Jackson keeps the limit. */
    static String limit(StreamConstraintsException e) {
        String message = SOURCE.matcher(String.valueOf(e.getOriginalMessage())).replaceAll("");
        return showsJava(message) ? "a nesting depth, string, name or number is too long" : message;
    }
}
