package io.strangler.generator;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A generated service project, compiled in-process with javax.tools against the test classpath (which holds the
 * Javalin, Jackson, HikariCP and JDBC jars its pom names, resolved from the Maven repository) and started in this
 * JVM against a real database.
 */
final class CompiledService implements AutoCloseable {

    private final URLClassLoader loader;
    private final Object application;
    private final int port;

    private CompiledService(URLClassLoader loader, Object application, int port) {
        this.loader = loader;
        this.application = application;
        this.port = port;
    }

    /** Compiles {@code src/main/java} (and {@code src/test/java} when {@code withTests}) of the project in {@code project}. */
    static Path compile(Path project, boolean withTests) throws IOException {
        Path classes = project.resolve("target/classes");
        compileTree(project.resolve("src/main/java"), classes, System.getProperty("java.class.path"));
        copyTree(project.resolve("src/main/resources"), classes);
        if (withTests) {
            compileTree(project.resolve("src/test/java"), project.resolve("target/test-classes"),
                    System.getProperty("java.class.path") + File.pathSeparator + classes);
        }
        return classes;
    }

    static CompiledService start(Path project, String basePackage, Map<String, String> settings) throws Exception {
        Path classes = compile(project, false);
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, CompiledService.class.getClassLoader());
        Class<?> type = loader.loadClass(basePackage + ".Application");
        Object application = type.getMethod("start", Map.class).invoke(null, settings);
        int port = (int) type.getMethod("port").invoke(application);
        return new CompiledService(loader, application, port);
    }

    int port() {
        return port;
    }

    ClassLoader loader() {
        return loader;
    }

    @Override
    public void close() throws Exception {
        Method close = application.getClass().getMethod("close");
        close.invoke(application);
        loader.close();
    }

    private static void compileTree(Path sources, Path output, String classpath) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        Files.createDirectories(output);
        List<File> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            List<String> options = new ArrayList<>(List.of("--release", "17", "-Xlint:all", "-Werror",
                    "-Xlint:-processing", "-Xlint:-classfile", "-Xlint:-path", "-proc:none", "-encoding", "UTF-8",
                    "-classpath", classpath, "-d", output.toString()));
            boolean ok = compiler.getTask(diagnostics, fileManager, null, options, null,
                    fileManager.getJavaFileObjectsFromFiles(files)).call();
            if (!ok) {
                throw new AssertionError("the generated project does not compile:\n" + diagnostics);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }
}
