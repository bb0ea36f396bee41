package io.resourcepool.launcher.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files a forwarded command line names relative to the client's directory are found from the agent's. */
class ForwardedArgumentsTest {
    private static final Path CLIENT_DIR = Path.of("/home/ada/projects");

    @Test
    void configFilesAndPathSettingsBecomeAbsoluteAgainstTheClientsDirectory() {
        assertThat(ForwardedArguments.resolved(List.of("status", "-c", "pool.properties", "--set", "client.session-file=s/session",
                "--config=../other.properties"), CLIENT_DIR)).containsExactly("status", "-c", "/home/ada/projects/pool.properties", "--set",
                        "client.session-file=/home/ada/projects/s/session", "--config=/home/ada/other.properties");
    }

    @Test
    void homePathsOtherSettingsAndTheRemoteCommandAreLeftAlone() {
        assertThat(ForwardedArguments.resolved(List.of("run", "--set", "client.session-file=~/s", "--set", "client.hub=h:1", "--", "cat", "-c",
                "x"), CLIENT_DIR)).containsExactly("run", "--set", "client.session-file=~/s", "--set", "client.hub=h:1", "--", "cat", "-c", "x");
    }

    @Test
    void onlyShortCommandsWithoutSecretsOrVerbosityAreForwarded() {
        assertThat(AgentForwarding.forwardable(new String[] {"status"})).isTrue();
        assertThat(AgentForwarding.forwardable(new String[] {"run", "--", "echo", "password", "-v"})).isTrue();
        assertThat(AgentForwarding.forwardable(new String[] {"login", "--user", "ada"})).isFalse();
        assertThat(AgentForwarding.forwardable(new String[] {"status", "-vv"})).isFalse();
        assertThat(AgentForwarding.forwardable(new String[] {"jobs", "--set", "store.password-env=X"})).isFalse();
        assertThat(AgentForwarding.forwardable(new String[] {})).isFalse();
    }
}
