/**
 * The WhatsApp numbers and Twilio accounts tenants register, so that a webhook reaches its tenant
 * before anyone knows it. Owns {@code channels}, a cross-tenant collection keyed
 * {@code whatsapp|<phone_number_id>} so routing is one {@code _id} lookup. Entry types:
 * {@link ChannelRegistry} and {@link WhatsAppChannel}. Secrets (app secrets, verify tokens, auth
 * tokens) are stored only sealed with AES-256-GCM ({@link SecretBox}, key from PARLEY_SECRET_KEY or
 * the data directory) and held decrypted in memory only. Changes are audited.
 * <p>Uses: store, audit ({@code SystemAudit}), fields.
 */
package dev.parley.channels;
