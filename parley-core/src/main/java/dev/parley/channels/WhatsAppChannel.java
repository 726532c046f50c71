package dev.parley.channels;

/** A WhatsApp Business number registered by a tenant; secrets are only ever held decrypted in memory. */
public record WhatsAppChannel(String organizationId, String phoneNumberId, String displayPhoneNumber, String wabaId,
                              String appSecret, String verifyToken) {
}
