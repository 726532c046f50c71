package dev.parley.messages;

import java.util.List;

/**
 * Links the people messages are exchanged with to the tenant's contacts, before the messages are
 * written (so a message is never stored without its contact's link; the message write's flush
 * makes both durable). Implemented by the contacts feature.
 */
public interface ContactLinker {

    ContactLinker NONE = (tenant, sightings) -> {
    };

    void link(String tenant, List<ContactSighting> sightings);
}
