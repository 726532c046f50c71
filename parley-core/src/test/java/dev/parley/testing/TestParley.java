package dev.parley.testing;

import dev.parley.Parley;
import dev.parley.StoreAccess;
import dev.parley.store.MongoStore;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Parley per test class on the test store ({@link TestStores}: H2 files unless the run picks
 * memory or an external MongoDB), with the declared indexes created as the server does at
 * start-up; its database is dropped after the class. Use as
 * {@code @RegisterExtension static TestParley parley = new TestParley();}.
 */
public final class TestParley implements BeforeAllCallback, AfterAllCallback {

    private final java.time.Clock clock;
    private final boolean onH2;
    private Parley parley;

    public TestParley() {
        this(java.time.Clock.systemUTC());
    }

    /** A Parley that reads the time from {@code clock} (e.g. a {@link MovableClock}). */
    public TestParley(java.time.Clock clock) {
        this(clock, false);
    }

    private TestParley(java.time.Clock clock, boolean onH2) {
        this.clock = clock;
        this.onH2 = onH2;
    }

    /** A Parley on the embedded H2 files whatever the run's backend (see {@link TestStores#onH2}). */
    public static TestParley onH2() {
        return new TestParley(java.time.Clock.systemUTC(), true);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> test = context.getRequiredTestClass();
        parley = Parley.connect(onH2 ? TestStores.onH2(test) : TestStores.config(test), clock);
        parley.initDb(); // as the server does at start-up: the H2 server builds its ordered indexes then
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            StoreAccess.of(parley).dropDatabase();
        } finally {
            parley.close();
        }
    }

    public Parley get() {
        return parley;
    }

    /** The store behind it, for tests that set up or inspect stored documents directly. */
    public MongoStore store() {
        return StoreAccess.of(parley);
    }
}
