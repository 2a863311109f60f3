package dev.chathooks.processor.management;

/**
 * What the health endpoints ask. Both are called on the endpoint's thread, often (every few seconds per
 * orchestrator): they must be quick and must not block on the cluster.
 */
public interface HealthProbe {
    /** Whether the process can still make progress; when not, an orchestrator should restart it. */
    HealthStatus live();

    /** Whether the process does its work now: the topology runs and every hook's consumer has joined its group. */
    HealthStatus ready();

    /** The probe of a process that is starting: alive, not ready. */
    static HealthProbe starting() {
        return new HealthProbe() {
            @Override
            public HealthStatus live() {
                return HealthStatus.up();
            }

            @Override
            public HealthStatus ready() {
                return HealthStatus.down("starting: the topology does not run yet");
            }
        };
    }
}
