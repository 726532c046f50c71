package dev.parley.tenancy;

import dev.parley.InvalidInputException;

import java.util.regex.Pattern;

/** Tenant ids are short lowercase slugs, so they can prefix keys ({@code acme|…}) unambiguously. */
public final class TenantSlug {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?");

    private TenantSlug() {
    }

    public static String check(String slug) {
        if (slug == null || !SLUG.matcher(slug).matches()) {
            throw new InvalidInputException("organization_id",
                    "must be 1-63 lowercase letters, digits or inner hyphens (e.g. acme), not " + slug);
        }
        return slug;
    }
}
