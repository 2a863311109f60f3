package dev.chathooks.processor.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a plugin can be broken, and the sentence that tells its author what to fix. */
class BrokenPluginTest {
    private static final String CHAT_HOOK_FILE = "META-INF/services/dev.chathooks.api.ChatHook";
    private static final String ASYNC_HOOK_FILE = "META-INF/services/dev.chathooks.api.AsyncChatHook";

    @TempDir
    Path dir;

    @Test
    void aListedClassThatIsNotThere() {
        Path jar = TestPlugins.jar("not-found");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": class test.notfound.NoSuchHook is listed in "
                        + CHAT_HOOK_FILE + " in " + jar
                        + " but is not in the plugin's JARs: check the name's spelling and"
                        + " package, or add the JAR that holds the class");
    }

    @Test
    void aListedClassThatIsNotAHook() {
        Path jar = TestPlugins.jar("not-a-hook");

        assertThat(onlyProblem(jar))
                .startsWith("plugin " + jar + ": class test.notahook.Task is listed in " + CHAT_HOOK_FILE)
                .endsWith("but does not implement dev.chathooks.api.ChatHook: implement it, or remove the line");
    }

    @Test
    void anAsyncHookListedInTheChatHookFile() {
        assertThat(onlyProblem(TestPlugins.jar("async-misfiled")))
                .contains("class test.misfiled.MisfiledHook is listed in " + CHAT_HOOK_FILE)
                .endsWith("but implements dev.chathooks.api.AsyncChatHook: list it in " + ASYNC_HOOK_FILE + " instead");
    }

    @Test
    void anAbstractClass() {
        Path jar = TestPlugins.jar("abstract-hook");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": class test.abstracthook.AbstractGreetingHook is"
                        + " abstract: list a concrete subclass instead, or make it concrete");
    }

    @Test
    void anInterface() {
        Path jar = TestPlugins.jar("interface-hook");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": test.interfacehook.GreetingContract is an"
                        + " interface: list the class that implements it instead");
    }

    @Test
    void noPublicNoArgumentConstructor() {
        Path jar = TestPlugins.jar("no-default-constructor");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": class test.noctor.ConfiguredHook has no public"
                        + " no-argument constructor: add one, and read the hook's configuration in start(HookContext)");
    }

    @Test
    void aClassThatIsNotPublic() {
        assertThat(onlyProblem(TestPlugins.jar("not-public")))
                .endsWith("class test.notpublic.HiddenHook is not public: make it public so the processor can"
                        + " create it");
    }

    @Test
    void anInnerClass() {
        assertThat(onlyProblem(TestPlugins.jar("inner-class")))
                .endsWith("class test.inner.Outer$InnerHook is an inner class: declare it public static, so it can"
                        + " be created without an enclosing instance");
    }

    @Test
    void aConstructorThatThrowsIsReportedWithItsMessage() {
        Path jar = TestPlugins.jar("throwing-constructor");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": the constructor of test.throwing.ThrowingHook"
                        + " threw java.lang.IllegalStateException: the token file /etc/hook/token is missing: fix it, and do"
                        + " work that can fail (reading configuration, connecting) in start(HookContext), which receives the"
                        + " hook's configuration");
    }

    @Test
    void aStaticInitializerThatThrows() {
        assertThat(onlyProblem(TestPlugins.jar("static-init-throws")))
                .contains("the static initializer of test.staticinit.StaticInitHook threw"
                        + " java.lang.NumberFormatException: For input string: \"not a number\"");
    }

    @Test
    void aSuperclassFromAJarThePluginDoesNotShip() {
        Path jar = TestPlugins.jar("missing-superclass");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": class test.missing.SubclassHook needs class"
                        + " test.helper.BaseHook, which is missing: put missing-superclass.jar and the JAR that holds it in"
                        + " one folder and pass that folder to --plugins (a plugin sees only its own JARs, the JDK and"
                        + " dev.chathooks.api, never the processor's libraries)");
    }

    @Test
    void aClassTheConstructorNeedsIsMissingFromThePluginFolder() throws Exception {
        Path folder = TestPlugins.folder(dir, "greeter", "needs-helper");

        assertThat(onlyProblem(folder))
                .isEqualTo("plugin " + folder + ": class test.needs.HelperUsingHook needs"
                        + " class test.helper.Greeter, which is missing: add the JAR that holds it to the plugin folder "
                        + folder
                        + " (a plugin sees only its own JARs, the JDK and dev.chathooks.api, never the processor's"
                        + " libraries)");
    }

    @Test
    void aPathThatDoesNotExist() {
        Path missing = dir.resolve("no-such-plugin.jar");

        assertThat(onlyProblem(missing))
                .isEqualTo("plugin path " + missing + " does not exist: pass a hook's JAR, or"
                        + " a folder that holds the hook's JAR and the JARs it needs, to --plugins");
    }

    @Test
    void aFolderWithoutJars() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("empty"));
        Files.writeString(folder.resolve("README.txt"), "not a plugin");
        TestPlugins.copy("good", folder.resolve("nested/good.jar"));

        assertThat(onlyProblem(folder))
                .isEqualTo("plugin folder " + folder + " holds no .jar file: put the hook's"
                        + " JAR and the JARs it needs directly in it (sub-folders are not searched)");
    }

    @Test
    void aFileThatIsNotAJar() throws Exception {
        Path file = Files.writeString(dir.resolve("hook.txt"), "text");

        assertThat(onlyProblem(file)).startsWith("plugin path " + file + " is neither a .jar file nor a folder");
    }

    @Test
    void aJarThatCannotBeRead() throws Exception {
        Path jar = Files.writeString(dir.resolve("corrupt.jar"), "this is no zip file");

        assertThat(onlyProblem(jar))
                .startsWith("plugin JAR " + jar + " cannot be read as a JAR (")
                .endsWith("): rebuild it, or remove it from the plugin");
    }

    @Test
    void aPluginThatRegistersNoHook() {
        Path jar = TestPlugins.jar("no-services");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + " registers no hook: name the hook class in "
                        + CHAT_HOOK_FILE + " (for a ChatHook) or " + ASYNC_HOOK_FILE
                        + " (for an AsyncChatHook) inside its"
                        + " JAR, one fully qualified class name per line");
    }

    @Test
    void aServiceFileThatListsNothing() {
        Path jar = TestPlugins.jar("empty-services");

        assertThat(onlyProblem(jar))
                .startsWith("plugin " + jar + " lists no hook class in " + CHAT_HOOK_FILE + " in " + jar
                        + ": name the hook class in");
    }

    @Test
    void aServiceFileWithALineThatIsNotAClassName() {
        Path jar = TestPlugins.jar("syntax-error");

        assertThat(onlyProblem(jar))
                .isEqualTo(
                        "plugin " + jar + ": " + CHAT_HOOK_FILE + " in " + jar + " has"
                                + " 'test.syntax.Second Hook' on line 2, which is not a class name: write one fully qualified class"
                                + " name per line (# starts a comment); ServiceLoader ignores this whole file until it is fixed");
    }

    @Test
    void anInvalidHookName() {
        Path jar = TestPlugins.jar("bad-name");

        assertThat(onlyProblem(jar))
                .isEqualTo("plugin " + jar + ": class test.badname.BadNameHook names its hook"
                        + " 'Greeting_Hook', but a hook name must match [a-z0-9][a-z0-9-]* (lower-case letters, digits and"
                        + " dashes, not first): override name() to return one, such as 'greeting-hook'");
    }

    @Test
    void twoHooksWithTheSameNameNameBothOrigins() throws Exception {
        Path first = TestPlugins.copy("good", dir.resolve("a/greeting.jar"));
        Path second = TestPlugins.copy("good", dir.resolve("b/greeting.jar"));

        assertThat(onlyProblem(first, second))
                .isEqualTo("hook name 'greeting' is used twice: by"
                        + " test.good.GreetingHook from plugin " + first + " and by test.good.GreetingHook from plugin "
                        + second
                        + ": remove one, or override name() in one to return another name (a hook's name keys its"
                        + " configuration, consumer group and metrics)");
    }

    @Test
    void theSamePluginPathGivenTwice() {
        Path jar = TestPlugins.jar("good");

        assertThat(onlyProblem(jar, jar)).isEqualTo("plugin path " + jar + " is given more than once: give it once");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Path missing = dir.resolve("missing");
        PluginLoadException error = loadFailure(
                TestPlugins.jar("good"),
                TestPlugins.jar("not-found"),
                missing,
                TestPlugins.jar("throwing-constructor"),
                TestPlugins.jar("bad-name"));

        assertThat(error.problems()).hasSize(4);
        assertThat(error.problems().get(0)).startsWith("plugin path " + missing + " does not exist");
        assertThat(error.problems().get(1)).contains("test.notfound.NoSuchHook");
        assertThat(error.problems().get(2)).contains("test.throwing.ThrowingHook");
        assertThat(error.problems().get(3)).contains("test.badname.BadNameHook");
        assertThat(error.getMessage())
                .startsWith("The hooks could not be loaded (4 problems); fix them and start" + " again:"
                        + System.lineSeparator() + "  - plugin path " + missing);
        for (String problem : error.problems()) {
            assertThat(error.getMessage()).contains(System.lineSeparator() + "  - " + problem);
        }
    }

    @Test
    void aBrokenHookOnTheClassPathIsReportedToo() throws Exception {
        Path jar = TestPlugins.jar("throwing-constructor");
        try (URLClassLoader classPath =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, TestPlugins.hostWithoutHooks())) {
            PluginLoadException error =
                    catchThrowableOfType(PluginLoadException.class, () -> new PluginLoader(classPath).load(List.of()));

            assertThat(error.problems())
                    .containsExactly("the class path: the constructor of"
                            + " test.throwing.ThrowingHook threw java.lang.IllegalStateException: the token file"
                            + " /etc/hook/token is missing: fix it, and do work that can fail (reading configuration,"
                            + " connecting) in start(HookContext), which receives the hook's configuration");
        }
    }

    private static String onlyProblem(Path... pluginPaths) {
        PluginLoadException error = loadFailure(pluginPaths);
        assertThat(error.problems()).hasSize(1);
        return error.problems().get(0);
    }

    private static PluginLoadException loadFailure(Path... pluginPaths) {
        PluginLoader loader = new PluginLoader(TestPlugins.hostWithoutHooks());
        PluginLoadException error =
                catchThrowableOfType(PluginLoadException.class, () -> loader.load(List.of(pluginPaths)));
        assertThat(error).as("loading %s fails", List.of(pluginPaths)).isNotNull();
        return error;
    }
}
