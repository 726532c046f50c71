package dev.parley.documents;

import dev.parley.InvalidInputException;

import java.util.regex.Pattern;

/**
 * Names of user collections. They live under the {@code u_} prefix, a namespace none of
 * Parley's own collections uses, so no name a user picks can reach {@code messages} or
 * {@code api_keys}.
 */
public final class CollectionName {

    static final String PREFIX = "u_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,63}");

    private CollectionName() {
    }

    public static String stored(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("collection",
                    "must start with a letter and have 1-64 letters, digits, '_' or '-', not " + name);
        }
        return PREFIX + name;
    }
}
