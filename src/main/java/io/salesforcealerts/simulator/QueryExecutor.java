package io.salesforcealerts.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntFunction;

/** Filters, sorts and limits the rows of a parsed query. */
final class QueryExecutor {

    private QueryExecutor() {
    }

    static RowSet execute(SimulatedOrg org, SoqlQuery query) {
        if (query.sobject() == SObjectSchemas.USER) {
            return RowSet.users(org, select(org, query, org.userCount(), org::user));
        }
        List<MapRecord> table = org.rows(query.sobject().name());
        int[] positions = select(org, query, table.size(), table::get);
        List<SObjectRecord> rows = new ArrayList<>(positions.length);
        for (int p : positions) {
            rows.add(table.get(p));
        }
        return RowSet.of(rows);
    }

    /**
     * Positions of the matching rows in result order. Rows are fetched one at a time and only
     * positions (plus sort keys, when sorting) are kept, so lazily generated users stay unmaterialised.
     */
    private static int[] select(SimulatedOrg org, SoqlQuery query, int rowCount, IntFunction<SObjectRecord> rowAt) {
        boolean sorted = !query.orderBy().isEmpty();
        int stopAt = !sorted && query.limit() != null ? query.limit() : Integer.MAX_VALUE;
        int[] hits = new int[Math.min(rowCount, 1024)];
        List<SortKey> keys = sorted ? new ArrayList<>() : null;
        int n = 0;
        for (int i = 0; i < rowCount && n < stopAt; i++) {
            SObjectRecord r = rowAt.apply(i);
            if (query.where() != null && !query.where().test(path -> path.valueOf(r, org))) {
                continue;
            }
            if (sorted) {
                keys.add(new SortKey(i, sortValues(org, query, r)));
            } else {
                if (n == hits.length) {
                    hits = Arrays.copyOf(hits, n * 2);
                }
                hits[n] = i;
            }
            n++;
        }
        if (!sorted) {
            return Arrays.copyOf(hits, n);
        }
        keys.sort(keyComparator(query.orderBy()));
        int limit = query.limit() == null ? keys.size() : Math.min(query.limit(), keys.size());
        int[] out = new int[limit];
        for (int i = 0; i < limit; i++) {
            out[i] = keys.get(i).position();
        }
        return out;
    }

    private record SortKey(int position, Object[] values) {
    }

    private static Object[] sortValues(SimulatedOrg org, SoqlQuery query, SObjectRecord r) {
        Object[] values = new Object[query.orderBy().size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = query.orderBy().get(k).field().valueOf(r, org);
        }
        return values;
    }

    /** Ties keep table order, so results are deterministic. */
    private static Comparator<SortKey> keyComparator(List<OrderItem> order) {
        return (a, b) -> {
            for (int k = 0; k < order.size(); k++) {
                int c = compare(order.get(k), a.values()[k], b.values()[k]);
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.position(), b.position());
        };
    }

    private static int compare(OrderItem item, Object a, Object b) {
        if (a == null || b == null) {
            if (a == b) {
                return 0;
            }
            return (a == null) == item.nullsFirst() ? -1 : 1;
        }
        int c = SoqlValues.compare(item.field().field().type(), a, b);
        return item.descending() ? -c : c;
    }
}
