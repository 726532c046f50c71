package dev.parley.platform;

import io.lettuce.core.ScriptOutputType;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Locks as Redis keys holding their owner's id, with the lease as the key's expiry; the fencing
 * token comes from a counter taken in the same script as the lock, so tokens rise with every
 * acquisition. Release and extension check the owner inside a script: a holder whose lease lapsed
 * cannot touch the next holder's lock.
 */
final class RedisLocks implements Locks {

    private static final String PREFIX = RedisPlatform.PREFIX + "lock:";
    private static final String ACQUIRE = """
            if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
              return redis.call('INCR', KEYS[2])
            end
            return 0""";
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0""";
    private static final String EXTEND = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('PEXPIRE', KEYS[1], ARGV[2])
            end
            return 0""";

    private final RedisConnections redis;

    RedisLocks(RedisConnections redis) {
        this.redis = redis;
    }

    @Override
    public Optional<Lease> tryAcquire(String name, Duration lease, Duration wait) {
        String owner = UUID.randomUUID().toString();
        return LockWaits.retry(wait, () -> {
            Long token = redis.call(c -> c.sync().<Long>eval(ACQUIRE, ScriptOutputType.INTEGER,
                    new String[]{PREFIX + name, PREFIX + name + ":fence"}, owner, Long.toString(lease.toMillis())));
            return token == null || token == 0 ? Optional.empty() : Optional.of(new RedisLease(name, owner, token));
        });
    }

    private final class RedisLease extends HeldLease {

        private final String owner;

        RedisLease(String name, String owner, long token) {
            super(name, token);
            this.owner = owner;
        }

        @Override
        public boolean isHeld() {
            return owner.equals(redis.call(c -> c.sync().get(PREFIX + name())));
        }

        @Override
        public boolean extend(Duration lease) {
            Long done = redis.call(c -> c.sync().<Long>eval(EXTEND, ScriptOutputType.INTEGER, new String[]{PREFIX + name()}, owner,
                    Long.toString(lease.toMillis())));
            return done != null && done == 1;
        }

        @Override
        public boolean release() {
            Long done = redis.call(c -> c.sync().<Long>eval(RELEASE, ScriptOutputType.INTEGER, new String[]{PREFIX + name()}, owner));
            return done != null && done == 1;
        }
    }
}
