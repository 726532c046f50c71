/**
 * Provider webhooks and channels over REST: Meta's WhatsApp webhook
 * ({@link WhatsAppWebhookController}: authenticated by the payload's signature, answered once the
 * raw payload is in the delivery log, {@link WhatsAppDeliveryLog}, which also makes API reads wait
 * for acknowledged deliveries, or once it and its messages are durably written), Twilio's status callbacks
 * ({@link TwilioWebhookController}), a tenant's channel registrations ({@link ChannelsController};
 * secrets go in, never out), unrouted payloads for operators ({@link AdminWebhooksController}), and
 * the budgets of unrouted deliveries ({@link UnroutedBudgets}); {@link WebhookSettings} holds the
 * public URL and those budgets. Owns no collection.
 * <p>Uses (core): the facade ({@code Parley} for the webhooks, channels and raw webhooks;
 * {@code TenantScope}), webhooks, platform, documents, meters, users ({@code Role}). Uses
 * (server): auth, web ({@code Problems}).
 */
package dev.parley.server.webhooks;
