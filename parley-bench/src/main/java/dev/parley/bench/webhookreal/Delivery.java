package dev.parley.bench.webhookreal;

import java.util.List;

/**
 * One webhook delivery as Meta sends it: the request bytes (built up front, so generating load
 * takes no CPU from the server while measuring) and what it carries, to know afterwards what the
 * server must hold. A retry is the same request again, so it shares its events.
 *
 * @param statuses the status events in the payload
 * @param inbound  the inbound messages in the payload
 * @param retry    true when this is a retry of an earlier delivery
 */
record Delivery(byte[] request, List<StatusSent> statuses, List<InboundSent> inbound, boolean retry) {

    /** One status of an outbound message, as Meta reports it. */
    record StatusSent(String messageId, String status, long epochSecond) {

        /** What the message's history deduplicates on: status and second (webhooks carry no execution id). */
        String key() {
            return status + "|" + epochSecond;
        }
    }

    /** One inbound message and the type Parley must store it as. */
    record InboundSent(String messageId, String from, String expectedType) {
    }

    int events() {
        return statuses.size() + inbound.size();
    }

    Delivery asRetry() {
        return new Delivery(request, statuses, inbound, true);
    }
}
