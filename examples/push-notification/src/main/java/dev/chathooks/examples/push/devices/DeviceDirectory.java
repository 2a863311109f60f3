package dev.chathooks.examples.push.devices;

import dev.chathooks.api.ChatObject;
import dev.chathooks.api.Device;
import dev.chathooks.api.LookupTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices of each user, read from the lookup table over {@code chat.devices}, whose value for a user id is
 * {@code {"devices": [device, ...]}}. Elements that cannot be used (not an object, no id, an unknown platform, no
 * token) are left out with a warning that names the user and the element, never the token. Thread-safe.
 */
public final class DeviceDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceDirectory.class);

    private final LookupTable table;

    /** @param table the lookup table over the devices topic */
    public DeviceDirectory(LookupTable table) {
        this.table = Objects.requireNonNull(table, "table is null");
    }

    /** The usable devices of {@code userId}, in the record's order; empty when the user has none. */
    public List<PushDevice> devicesOf(String userId) {
        Optional<ChatObject> record = table.get(userId);
        if (record.isEmpty()) {
            return List.of();
        }
        List<Object> elements = record.get().getList("devices");
        List<PushDevice> devices = new ArrayList<>(elements.size());
        for (int index = 0; index < elements.size(); index++) {
            usable(userId, index, elements.get(index)).ifPresent(devices::add);
        }
        return devices;
    }

    private Optional<PushDevice> usable(String userId, int index, Object element) {
        if (!(element instanceof Map)) {
            return unusable(userId, "#" + index, "is not a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) element;
        Device device;
        try {
            device = Device.of(fields);
        } catch (IllegalArgumentException e) {
            return unusable(userId, "#" + index, "has no string id");
        }
        Optional<Platform> platform = device.platform().flatMap(Platform::fromWireName);
        if (platform.isEmpty()) {
            return unusable(
                    userId,
                    device.id(),
                    "has platform " + device.platform().orElse("(none)") + "; it must be apns or fcm");
        }
        Optional<String> token = device.token().filter(value -> !value.isBlank());
        if (token.isEmpty()) {
            return unusable(userId, device.id(), "has no token");
        }
        return Optional.of(new PushDevice(
                device.id(),
                platform.get(),
                token.get().trim(),
                device.topic().filter(topic -> !topic.isBlank()).orElse(null),
                device.sandbox()));
    }

    private Optional<PushDevice> unusable(String userId, String device, String problem) {
        // Ids only at DEBUG: the WARN line says what is wrong, not whose device it is.
        LOG.warn("A device in {} {}: no notification goes to it", table.topic(), problem);
        LOG.debug("The unusable device is {} of user {}", device, userId);
        return Optional.empty();
    }
}
