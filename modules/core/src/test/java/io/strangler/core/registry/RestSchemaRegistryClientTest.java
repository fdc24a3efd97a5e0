package io.strangler.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RestSchemaRegistryClientTest {

    @Test
    void shouldNeverShowPasswordInToString() {
        RestSchemaRegistryClient client = RestSchemaRegistryClient.create("http://registry:8081/", "alice:s3cret");

        assertThat(client.toString()).contains("http://registry:8081", "alice:***").doesNotContain("s3cret");
    }

    @Test
    void shouldTakeUserInfoFromUrlAndHideIt() {
        RestSchemaRegistryClient client = RestSchemaRegistryClient.create("https://bob:pw123@registry:8081/apis/ccompat/v7");

        assertThat(client.toString()).contains("https://registry:8081/apis/ccompat/v7", "bob:***")
                .doesNotContain("pw123");
    }

    @Test
    void shouldBuildFromConfluentStyleConfig() {
        RestSchemaRegistryClient client = RestSchemaRegistryClient.fromConfig(Map.of(
                RestSchemaRegistryClient.URL_CONFIG, "http://a:8081,http://b:8081",
                RestSchemaRegistryClient.USER_INFO_CONFIG, "carol:pw"));

        assertThat(client.toString()).contains("http://a:8081", "carol:***").doesNotContain("b:8081");
    }

    @Test
    void shouldRejectBadUrlAndUserInfoWithoutLeakingPassword() {
        assertThatThrownBy(() -> RestSchemaRegistryClient.fromConfig(Map.of()))
                .hasMessageContaining(RestSchemaRegistryClient.URL_CONFIG);
        assertThatThrownBy(() -> RestSchemaRegistryClient.create("registry-without-scheme"))
                .hasMessageContaining("http://host:port");
        assertThatThrownBy(() -> RestSchemaRegistryClient.create("http://registry:8081", "no-colon-secret"))
                .hasMessageContaining("user:password").hasMessageNotContaining("no-colon-secret");
    }
}
