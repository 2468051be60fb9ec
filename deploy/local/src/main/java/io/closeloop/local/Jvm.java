package io.closeloop.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Launching further JVMs on this module's classpath, and the logging set-up they share. */
final class Jvm {

    private Jvm() {
    }

    static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** A command that runs {@code mainClass} on the classpath of this JVM. */
    static List<String> command(Class<?> mainClass, List<String> jvmOptions, List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(arguments);
        return command;
    }

    /**
     * Points Log4j 2 (the SLF4J binding here) at this module's configuration. Its name is not the
     * default one, so that the jar does not change the logging of projects that depend on it.
     */
    static void configureLogging(String level) {
        System.setProperty("log4j2.configurationFile", "io/closeloop/local/log4j2.xml");
        System.setProperty("closeloop.log.level", level);
    }
}
