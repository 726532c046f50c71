/**
 * Provider webhooks: Meta's WhatsApp Cloud API ({@link WhatsAppWebhook}) and Twilio's status
 * callbacks ({@link TwilioWebhook}), verified by signature with the secret of the channel they
 * name, mapped leniently onto messages and statuses. Owns {@code raw_webhooks} ({@link RawWebhooks}):
 * every accepted body verbatim, written beside its messages in the same durable batch, replayable
 * idempotently; unrouted bodies live in a bounded ring ({@code _unrouted|…}) under budgets
 * ({@link UnroutedIntake}). {@link RawWebhookRetention} is their retention (unrouted ones keep the
 * default days). {@link LoggedDeliveries} acknowledges WhatsApp deliveries once they are in a
 * file log ({@code DeliveryLog}) and applies them right after, many to a round; what a crash left
 * unapplied is applied when the log is opened again.
 * <p>Uses: retention (implements {@code RetainedData}), channels, messages (its types; each
 * tenant's messages are written through {@link MessageIntake}, which the root implements), store,
 * documents, erasure, meters.
 */
package dev.parley.webhooks;
