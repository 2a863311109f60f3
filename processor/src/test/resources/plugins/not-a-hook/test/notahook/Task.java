package test.notahook;

/** Listed as a hook, but it is not one. */
public final class Task implements Runnable {
    @Override
    public void run() {
    }
}
