package dev.parley.store;

/**
 * Composite string keys {@code <tenant>|<local id>}. A key lookup by {@code _id} alone is the
 * only lookup the embedded server answers from an index, and the tenant prefix makes it tenant
 * safe without a second filter field.
 */
public final class Keys {

    public static final char SEPARATOR = '|';

    private Keys() {
    }

    public static String of(String tenant, String localId) {
        return tenant + SEPARATOR + localId;
    }

    public static boolean belongsTo(Object key, String tenant) {
        return key instanceof String s && s.length() > tenant.length() + 1
                && s.startsWith(tenant) && s.charAt(tenant.length()) == SEPARATOR;
    }

    /** The local part of a key that {@link #belongsTo} the tenant. */
    public static String local(String key, String tenant) {
        return key.substring(tenant.length() + 1);
    }
}
