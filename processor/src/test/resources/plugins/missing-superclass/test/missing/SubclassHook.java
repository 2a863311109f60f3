package test.missing;

import test.helper.BaseHook;

/** Extends a class of a library JAR that the plugin does not ship. */
public final class SubclassHook extends BaseHook {
}
