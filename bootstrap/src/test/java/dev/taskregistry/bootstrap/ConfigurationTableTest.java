package dev.taskregistry.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration table is the user's reference: it lists exactly the keys the service reads,
 * each with the default the service applies, so documentation and code cannot drift apart.
 */
class ConfigurationTableTest {

    /** Helidon's own keys that the table documents too; their values are set in microprofile-config.properties. */
    private static final List<String> HTTP_SERVER_KEYS = List.of("server.port", "server.host");

    @Test
    void theReadmeTable_listsExactlyTheKeysTheServiceReads() throws IOException {
        List<String> expected =
                Arrays.stream(Setting.values()).map(Setting::key).collect(Collectors.toList());
        expected.addAll(HTTP_SERVER_KEYS);

        assertThat(readmeTable().stream().map(Row::key)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theReadmeTable_statesTheDefaultOfEverySetting() throws IOException {
        Map<String, String> documented = defaultsInTheReadme();

        for (Setting setting : Setting.values()) {
            String stated = documented.get(setting.key());
            setting.defaultValue()
                    .ifPresentOrElse(
                            value -> assertThat(stated).as(setting.key()).isEqualTo("`" + value + "`"),
                            () -> assertThat(stated).as(setting.key()).startsWith("unset"));
        }
    }

    @Test
    void theReadmeTable_statesTheHttpServerValuesTheServiceIsShippedWith() throws IOException {
        Map<String, String> documented = defaultsInTheReadme();
        Properties shipped = new Properties();
        try (InputStream properties = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            shipped.load(properties);
        }

        for (String key : HTTP_SERVER_KEYS) {
            assertThat(documented.get(key)).as(key).isEqualTo("`" + shipped.getProperty(key) + "`");
        }
    }

    /** One row of the table: the key, and the default as written (backticks included). */
    private record Row(String key, String defaultCell) {}

    private static Map<String, String> defaultsInTheReadme() throws IOException {
        return readmeTable().stream().collect(Collectors.toMap(Row::key, Row::defaultCell));
    }

    /** The rows of the table under "## Configuration", in order. */
    private static List<Row> readmeTable() throws IOException {
        Path readme = Path.of(System.getProperty("user.dir")).resolveSibling("README.md");
        assertThat(readme).as("the README at the root of the reactor").isRegularFile();
        List<String> lines = Files.readAllLines(readme);
        int section = lines.indexOf("## Configuration");
        assertThat(section).as("a '## Configuration' section in the README").isNotNegative();
        return lines.subList(section + 1, lines.size()).stream()
                .dropWhile(line -> !line.startsWith("|"))
                .takeWhile(line -> line.startsWith("|"))
                .skip(2) // the header and its separator
                .map(line -> line.split("\\|"))
                .map(cells -> new Row(cells[1].strip().replace("`", ""), cells[2].strip()))
                .toList();
    }
}
