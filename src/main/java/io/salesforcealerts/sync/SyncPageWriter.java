package io.salesforcealerts.sync;

import java.io.InputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Called by the {@code query-all-pages} route for every query page: maps the page's records with the
 * mapper registered for the object named in the {@code syncObject} header, writes them as one JDBC
 * batch, and puts the next page's URL in the {@code sfNextRecordsUrl} header (absent on the last page).
 * Only one page is in memory at a time.
 */
public class SyncPageWriter {

    public static final String OBJECT_HEADER = "syncObject";
    public static final String NEXT_RECORDS_URL_HEADER = "sfNextRecordsUrl";

    private static final Logger LOG = LoggerFactory.getLogger(SyncPageWriter.class);

    /** Writes the mapped rows of one page. */
    @FunctionalInterface
    public interface RowWriter<T> {
        void write(SyncRun run, List<T> rows) throws SQLException;
    }

    /** Removes what a sync already wrote for an object, when the object turns out to be unavailable. */
    @FunctionalInterface
    public interface ObjectDiscarder {
        void discard(SyncRun run) throws SQLException;
    }

    private record ObjectSink<T>(Function<JsonNode, T> mapper, RowWriter<T> writer, ObjectDiscarder discarder) {
    }

    private final Map<String, ObjectSink<?>> sinks = new LinkedHashMap<>();

    public <T> SyncPageWriter register(String object, Function<JsonNode, T> mapper, RowWriter<T> writer,
            ObjectDiscarder discarder) {
        sinks.put(object, new ObjectSink<>(mapper, writer, discarder));
        return this;
    }

    public void write(Exchange exchange) throws SQLException, InvalidPayloadException {
        SyncRun run = exchange.getProperty(SyncRun.PROPERTY, SyncRun.class);
        String object = exchange.getMessage().getHeader(OBJECT_HEADER, String.class);
        String next = writePage(run, object, sink(object), exchange.getMessage().getMandatoryBody(InputStream.class));
        exchange.getMessage().setHeader(NEXT_RECORDS_URL_HEADER, next);
    }

    private <T> String writePage(SyncRun run, String object, ObjectSink<T> sink, InputStream body) throws SQLException {
        List<T> rows = new ArrayList<>();
        int[] rejected = {0};
        String next = QueryPageReader.read(body, record -> {
            try {
                rows.add(sink.mapper().apply(record));
            } catch (InvalidRecordException e) {
                rejected[0]++;
                String id = SalesforceValues.text(record, "Id");
                LOG.warn("{} record {} not used: {}", object, id != null ? id : SalesforceValues.path(record, "attributes.url"),
                        e.getMessage());
            }
        });
        if (!rows.isEmpty()) {
            sink.writer().write(run, rows);
        }
        run.addRecords(object, rows.size());
        if (rejected[0] > 0) {
            run.addRejected(object, rejected[0]);
        }
        return next;
    }

    void discard(SyncRun run, String object) throws SQLException {
        ObjectSink<?> sink = sinks.get(object);
        if (sink != null) {
            sink.discarder().discard(run);
        }
    }

    private ObjectSink<?> sink(String object) {
        ObjectSink<?> sink = sinks.get(object);
        if (sink == null) {
            throw new IllegalStateException("No page writer is registered for the object '" + object
                    + "' (header " + OBJECT_HEADER + "); register one in SalesforceAlertsConfiguration");
        }
        return sink;
    }
}
