package io.resourcepool.launcher.agent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A forwarded command line as the agent runs it: the agent's working directory is not the client's, so the files the
 * line names relative to the client's ({@code -c FILE}, and {@code --set} of a key ending in {@code -file} or
 * {@code -dir}) are made absolute against it. {@code ~/} is left alone (the agent is the same user); nothing after
 * {@code --} is touched (it is the remote command's).
 */
final class ForwardedArguments {
    private ForwardedArguments() {}

    static String[] resolved(List<String> args, Path directory) {
        List<String> resolved = new ArrayList<>(args);
        for (int i = 0; i < resolved.size() && !resolved.get(i).equals("--"); i++) {
            String arg = resolved.get(i);
            boolean next = i + 1 < resolved.size();
            if ((arg.equals("-c") || arg.equals("--config")) && next) {
                resolved.set(i + 1, absolute(resolved.get(i + 1), directory));
            } else if (arg.startsWith("--config=")) {
                resolved.set(i, "--config=" + absolute(arg.substring("--config=".length()), directory));
            } else if (arg.equals("--set") && next) {
                resolved.set(i + 1, setting(resolved.get(i + 1), directory));
            }
        }
        return resolved.toArray(String[]::new);
    }

    private static String setting(String keyValue, Path directory) {
        int equals = keyValue.indexOf('=');
        if (equals < 0) {
            return keyValue;
        }
        String key = keyValue.substring(0, equals);
        return key.endsWith("-file") || key.endsWith("-dir") ? key + "=" + absolute(keyValue.substring(equals + 1), directory) : keyValue;
    }

    private static String absolute(String path, Path directory) {
        return path.isEmpty() || path.startsWith("~/") ? path : directory.resolve(path).normalize().toString();
    }
}
