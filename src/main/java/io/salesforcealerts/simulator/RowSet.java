package io.salesforcealerts.simulator;

import java.util.List;

/** The rows a query selected, in result order; pages read slices of it. */
interface RowSet {

    int size();

    SObjectRecord get(int position);

    static RowSet of(List<? extends SObjectRecord> rows) {
        return new RowSet() {
            @Override
            public int size() {
                return rows.size();
            }

            @Override
            public SObjectRecord get(int position) {
                return rows.get(position);
            }
        };
    }

    /** Users are kept as indices (4 bytes each) and regenerated per page, not held as objects. */
    static RowSet users(SimulatedOrg org, int[] indices) {
        return new RowSet() {
            @Override
            public int size() {
                return indices.length;
            }

            @Override
            public SObjectRecord get(int position) {
                return org.user(indices[position]);
            }
        };
    }
}
