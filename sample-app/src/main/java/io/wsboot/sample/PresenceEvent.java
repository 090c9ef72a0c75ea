package io.wsboot.sample;

import java.util.List;

/**
 * Who is in a room, as JSON, sent to the room after each join and leave:
 * {@code {"type":"presence","room":"lobby","users":["ada","bob"]}}.
 *
 * @param type always {@code presence}
 * @param room the room
 * @param users the names of the members, sorted, one entry per open session
 * @author wsboot
 */
record PresenceEvent(String type, String room, List<String> users) {

}
