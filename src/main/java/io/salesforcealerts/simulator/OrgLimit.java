package io.salesforcealerts.simulator;

/** One entry of the /limits resource. */
public record OrgLimit(long max, long remaining) {

    public long used() {
        return max - remaining;
    }
}
