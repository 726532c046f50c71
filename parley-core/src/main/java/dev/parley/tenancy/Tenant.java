package dev.parley.tenancy;

import java.time.Instant;
import java.time.ZoneId;

/** A business that owns its data in Parley; {@code organizationId} is its slug, e.g. {@code acme}. */
public record Tenant(String organizationId, String name, ZoneId timeZone, Instant createdAt) {
}
