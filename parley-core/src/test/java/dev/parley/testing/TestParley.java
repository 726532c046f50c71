package dev.parley.testing;

import dev.parley.Parley;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Parley per test class on the test store ({@link TestStores}); its database is dropped after
 * the class. Use as {@code @RegisterExtension static TestParley parley = new TestParley();}.
 */
public final class TestParley implements BeforeAllCallback, AfterAllCallback {

    private final java.time.Clock clock;
    private Parley parley;

    public TestParley() {
        this(java.time.Clock.systemUTC());
    }

    /** A Parley that reads the time from {@code clock} (e.g. a {@link MovableClock}). */
    public TestParley(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        parley = Parley.connect(TestStores.config(context.getRequiredTestClass()), clock);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            parley.store().dropDatabase();
        } finally {
            parley.close();
        }
    }

    public Parley get() {
        return parley;
    }
}
