package test.helper;

/** A library class that hooks of other plugin JARs use. */
public class Greeter {
    public String greet(String who) {
        return "hello " + who + " from " + Greeter.class.getClassLoader().getName();
    }
}
