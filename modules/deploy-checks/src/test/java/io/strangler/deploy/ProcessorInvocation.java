package io.strangler.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One Strangler process as compose or a manifest starts it: the command line (as the image's entrypoint receives it),
 * where its config file really is in this repository, and the environment variables the container gets.
 *
 * @param where     the compose service or manifest that starts it, for messages
 * @param processor capture, apply, sync, consistency or router
 * @param config    the properties file in this repository that the container reads
 * @param overrides the command line's --set options
 * @param httpPort  the --http-port option, if given
 * @param env       names of the container's environment variables
 * @param mounts    container directory → repository directory, to map --set paths
 */
record ProcessorInvocation(String where, String processor, Path config, Map<String, String> overrides,
        Optional<Integer> httpPort, Set<String> env, Map<String, Path> mounts) {

    /** Reads {@code run <processor> ...} or {@code router run ...}; options in the --name=value form. */
    static ProcessorInvocation parse(String where, List<String> args, Set<String> env, Map<String, Path> mounts) {
        String processor;
        List<String> options;
        if (args.size() >= 2 && args.get(0).equals("run")) {
            processor = args.get(1);
            options = args.subList(2, args.size());
        } else if (args.size() >= 2 && args.get(0).equals("router") && args.get(1).equals("run")) {
            processor = "router";
            options = args.subList(2, args.size());
        } else {
            throw new AssertionError(where + ": not a processor command: " + args);
        }
        Path config = null;
        Integer httpPort = null;
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String option : options) {
            if (option.startsWith("--config=")) {
                config = toRepository(where, option.substring("--config=".length()), mounts);
            } else if (option.startsWith("--http-port=")) {
                httpPort = Integer.valueOf(option.substring("--http-port=".length()));
            } else if (option.startsWith("--set=")) {
                String setting = option.substring("--set=".length());
                int equals = setting.indexOf('=');
                if (equals < 1) {
                    throw new AssertionError(where + ": --set without KEY=VALUE: " + option);
                }
                overrides.put(setting.substring(0, equals), setting.substring(equals + 1));
            } else {
                throw new AssertionError(where + ": option the checks do not know (write --name=value): " + option);
            }
        }
        if (config == null) {
            throw new AssertionError(where + ": no --config");
        }
        return new ProcessorInvocation(where, processor, config, Map.copyOf(overrides), Optional.ofNullable(httpPort),
                Set.copyOf(env), Map.copyOf(mounts));
    }

    /** The repository file a container path is mounted from. */
    static Path toRepository(String where, String containerPath, Map<String, Path> mounts) {
        return mounts.entrySet().stream()
                .filter(mount -> containerPath.equals(mount.getKey()) || containerPath.startsWith(mount.getKey() + "/"))
                .max(java.util.Comparator.comparingInt(mount -> mount.getKey().length()))
                .map(mount -> mount.getValue().resolve(containerPath.substring(mount.getKey().length())
                        .replaceFirst("^/", "")).normalize())
                .orElseThrow(() -> new AssertionError(where + ": " + containerPath + " is not on a mounted volume "
                        + mounts.keySet()));
    }

    @Override
    public String toString() {
        return where + " (" + processor + ", " + Repository.relative(config) + ")";
    }
}
