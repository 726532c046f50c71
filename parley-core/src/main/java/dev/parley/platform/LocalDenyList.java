package dev.parley.platform;

import java.time.Clock;
import java.time.Instant;

final class LocalDenyList implements TokenDenyList {

    private final Clock clock;
    private final ExpiringValues values;

    LocalDenyList(Clock clock) {
        this.clock = clock;
        this.values = new ExpiringValues(clock, 1_000_000);
    }

    @Override
    public void deny(String tokenDigest, Instant until) {
        if (until.isAfter(clock.instant())) {
            values.putUntil(tokenDigest, "1", until);
        }
    }

    @Override
    public boolean isDenied(String tokenDigest) {
        return values.get(tokenDigest).isPresent();
    }
}
