package dev.chathooks.testsupport;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/** What the cluster says of a consumer group, for tests that wait for members to join or leave. */
public final class ConsumerGroups {
    private ConsumerGroups() {}

    /** The members of {@code group}: 0 if the group is unknown, -1 if the cluster did not answer in 10 s. */
    public static int members(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(group);
            return description == null ? 0 : description.members().size();
        } catch (Exception e) {
            return -1;
        }
    }
}
