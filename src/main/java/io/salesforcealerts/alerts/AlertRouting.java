package io.salesforcealerts.alerts;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step of the alert-routing route: the channels the route chose (header
 * {@value #CHANNELS_HEADER}, comma-separated) become the event's channels.
 */
public class AlertRouting {

    public static final String CHANNELS_HEADER = "alertChannels";
    private static final Logger LOG = LoggerFactory.getLogger(AlertRouting.class);

    private final Map<String, Channel> channels;
    private final String defaultChannel;

    public AlertRouting(Map<String, Channel> channels) {
        this.channels = channels;
        Channel webhook = channels.get("webhook");
        this.defaultChannel = webhook != null && webhook.configured() ? "webhook" : "log";
    }

    public void assign(Exchange exchange) throws InvalidPayloadException {
        AlertEvent event = exchange.getMessage().getMandatoryBody(AlertEvent.class);
        String chosen = exchange.getMessage().getHeader(CHANNELS_HEADER, "", String.class);
        Set<String> names = new LinkedHashSet<>();
        for (String raw : chosen.split(",")) {
            String name = raw.strip();
            if (name.isEmpty()) {
                continue;
            }
            name = AlertRules.DEFAULT_CHANNEL.equals(name) ? defaultChannel : name;
            Channel channel = channels.get(name);
            if (channel == null || !channel.configured()) {
                LOG.warn("Alert {}: the routes chose channel '{}', which is {}; skipped", event, name,
                        channel == null ? "not defined in the rules file" : "not configured (no URL)");
            } else {
                names.add(name);
            }
        }
        event.getChannels().clear();
        event.getChannels().addAll(names);
        exchange.getMessage().removeHeader(CHANNELS_HEADER);
    }
}
