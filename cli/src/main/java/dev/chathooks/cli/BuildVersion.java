package dev.chathooks.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version this CLI was built as, from the resource Maven filters at build time. */
final class BuildVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"chat-hooks " + HookProjectTemplate.chatHooksVersion()};
    }
}
