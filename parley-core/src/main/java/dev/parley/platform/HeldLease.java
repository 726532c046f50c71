package dev.parley.platform;

/** A lease's identity: the lock's name and the fencing token its acquisition got. */
abstract class HeldLease implements Locks.Lease {

    private final String name;
    private final long token;

    HeldLease(String name, long token) {
        this.name = name;
        this.token = token;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long fencingToken() {
        return token;
    }
}
