package dev.chathooks.processor.deadletter;

/** Thrown where a record is found unusable; carries the {@link Rejection} that goes into its dead letter. */
public final class RejectedRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Rejection rejection;

    public RejectedRecordException(ReasonCode code, String detail) {
        super(code.code() + ": " + detail, null, false, false);
        this.rejection = new Rejection(code, detail);
    }

    /** Why the record was rejected. */
    public Rejection rejection() {
        return rejection;
    }
}
