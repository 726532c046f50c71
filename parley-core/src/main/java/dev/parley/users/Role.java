package dev.parley.users;

import dev.parley.InvalidInputException;

import java.util.Locale;

/** Seed 003's roles, in order of power: a viewer reads its tenant, an admin manages it, a superadmin any tenant. */
public enum Role {
    VIEWER, ADMIN, SUPERADMIN;

    public boolean atLeast(Role required) {
        return compareTo(required) >= 0;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String field, Object value) {
        if (value instanceof String text) {
            for (Role role : values()) {
                if (role.wire().equals(text)) {
                    return role;
                }
            }
        }
        throw new InvalidInputException(field, "must be one of viewer, admin, superadmin");
    }
}
