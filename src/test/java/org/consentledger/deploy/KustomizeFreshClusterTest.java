package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consentledger.deploy.Kustomized.at;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@code kubectl apply -k} does to a fresh cluster, and to one where the service already
 * runs: what it needs installed first, where its objects go, what it keeps across a pod's restart,
 * what it never overwrites, and what the pods may reach.
 */
class KustomizeFreshClusterTest {

    /** API groups every cluster serves. */
    private static final Set<String> KUBERNETES = Set.of("", "apps", "autoscaling", "policy", "networking.k8s.io");

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Kustomized.kubectlInstalled(), "kubectl is not installed: the overlays cannot be rendered here");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theSignersStateIsOnAVolumeClaimOfItsOwnThatOutlivesThePod(String overlay) throws Exception {
        Kustomized rendered = Kustomized.render(overlay);
        Map<String, Object> workload = rendered.workload();
        assertThat(workload).as("a stable identity per replica, so each finds its own state again").containsEntry("kind",
                "StatefulSet");
        String stateDir = at(rendered.get("ConfigMap", "consent-ledger"), "data", "CONSENT_LEDGER_STATE_DIR");
        List<Map<String, Object>> mounts = at(rendered.container(), "volumeMounts");
        String volume = mounts.stream().filter(m -> stateDir.startsWith((String) m.get("mountPath"))).map(m -> (String) m.get("name"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> podVolumes = at(workload, "spec", "template", "spec", "volumes");
        assertThat(podVolumes).as("not a volume that dies with the pod").noneMatch(v -> volume.equals(v.get("name")));
        List<Map<String, Object>> claims = at(workload, "spec", "volumeClaimTemplates");
        assertThat(claims).anySatisfy(c -> {
            assertThat((String) at(c, "metadata", "name")).isEqualTo(volume);
            assertThat((List<String>) at(c, "spec", "accessModes")).containsExactly("ReadWriteOnce");
        });
        assertThat((Map<String, String>) at(workload, "spec", "persistentVolumeClaimRetentionPolicy"))
                .as("a replica scaled away and back finds its state again").containsEntry("whenScaled", "Retain")
                .containsEntry("whenDeleted", "Retain");
        assertThat((String) at(rendered.get("HorizontalPodAutoscaler", "consent-ledger"), "spec", "scaleTargetRef", "kind"))
                .isEqualTo("StatefulSet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectGoesToTheNamespaceTheOverlayCreates(String overlay) throws Exception {
        Kustomized rendered = Kustomized.render(overlay);
        List<Map<String, Object>> namespaces = rendered.all("Namespace");
        assertThat(namespaces).hasSize(1);
        String namespace = at(namespaces.get(0), "metadata", "name");
        assertThat(rendered.objects()).filteredOn(o -> !"Namespace".equals(o.get("kind")))
                .allSatisfy(o -> assertThat((String) at(o, "metadata", "namespace")).as(o.get("kind") + " " + at(o, "metadata", "name"))
                        .isEqualTo(namespace));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyApiBeyondKubernetesTheOverlayNeedsIsNamedAsAPrerequisite(String overlay) throws Exception {
        Set<String> groups = new TreeSet<>();
        Kustomized.render(overlay).objects().forEach(o -> {
            String apiVersion = (String) o.get("apiVersion");
            groups.add(apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "");
        });
        groups.removeAll(KUBERNETES);
        String operations = Files.readString(Path.of("docs/operations.md"));
        int start = operations.indexOf("\n## Kubernetes\n");
        assertThat(start).as("docs/operations.md has a Kubernetes section").isNotNegative();
        String kubernetes = operations.substring(start, operations.indexOf("\n## ", start + 1));
        assertThat(groups).isNotEmpty().allSatisfy(group -> assertThat(kubernetes).as("docs/operations.md, Kubernetes").contains("`" + group + "`"));
        if (overlay.equals("dev")) {
            assertThat(groups).as("a laptop cluster needs only CloudNativePG").containsExactly("postgresql.cnpg.io");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsComeFromUncommittedFilesSoAnApplyNeverWritesAPlaceholder(String overlay) throws Exception {
        Kustomized rendered = Kustomized.render(overlay);
        List<Map<String, Object>> secrets = rendered.all("Secret");
        assertThat(secrets).extracting(s -> (String) at(s, "metadata", "name")).contains("consent-ledger-signing-key",
                "consent-ledger-db-owner", "consent-ledger-db-app");
        for (Map<String, Object> secret : secrets) {
            assertThat((Object) at(secret, "stringData")).isNull();
            Map<String, String> data = at(secret, "data");
            data.forEach((key, value) -> assertThat(new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8))
                    .as(key).doesNotContain("REPLACE").matches(v -> v.startsWith("stand-in") || key.equals("username")));
        }
        assertThat((String) at(rendered.get("Secret", "consent-ledger-db-owner"), "data", "username"))
                .isEqualTo(Base64.getEncoder().encodeToString("consent_owner".getBytes(StandardCharsets.UTF_8)));
        assertThat(rendered.all("ConfigMap")).allSatisfy(c -> assertThat(c.toString()).doesNotContain("REPLACE"));

        Kustomized.Run committed = Kustomized.renderAsCommitted(overlay);
        assertThat(committed.exitCode()).as("without the secret files there is nothing to apply").isNotZero();
        assertThat(committed.output()).contains("secrets/");
        for (String file : Kustomized.secretFiles(overlay)) {
            Path path = Kustomized.K8S.resolve("overlays").resolve(overlay).resolve(file);
            Process ignored = new ProcessBuilder("git", "check-ignore", "-q", path.toString()).start();
            assertThat(ignored.waitFor()).as(path + " is ignored by git").isZero();
            assertThat(DockerIgnore.read().sends(path.toString())).as(path + " stays out of the image").isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePodsReachTheIdentityProvidersKeysAndWitnessesOverHttps(String overlay) throws Exception {
        Kustomized rendered = Kustomized.render(overlay);
        String keys = at(rendered.get("ConfigMap", "consent-ledger"), "data", "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        URI jwks = URI.create(keys);
        assertThat(jwks.getScheme()).as("the identity provider's JWKS, which follows its key rotation").isEqualTo("https");
        List<Map<String, Object>> egress = at(rendered.get("NetworkPolicy", "consent-ledger"), "spec", "egress");
        assertThat(egress).anySatisfy(rule -> {
            assertThat((List<Map<String, Object>>) rule.get("ports")).containsExactly(Map.of("protocol", "TCP", "port", 443));
            assertThat((List<Map<String, Object>>) rule.get("to")).extracting(to -> at(to, "ipBlock", "cidr"))
                    .contains("0.0.0.0/0", "::/0");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodBacksUpThroughTheBarmanCloudPluginNotTheDeprecatedInTreeStore(String overlay) throws Exception {
        Kustomized rendered = Kustomized.render(overlay);
        Map<String, Object> cluster = rendered.get("Cluster", "consent-ledger-db");
        assertThat((Object) at(cluster, "spec", "backup", "barmanObjectStore")).as("deprecated from CloudNativePG 1.26").isNull();
        Map<String, Object> plugin = at(cluster, "spec", "plugins", 0);
        assertThat(plugin).containsEntry("name", "barman-cloud.cloudnative-pg.io").containsEntry("isWALArchiver", true);
        Map<String, Object> store = rendered.get("ObjectStore", at(plugin, "parameters", "barmanObjectName"));
        assertThat(store).containsEntry("apiVersion", "barmancloud.cnpg.io/v1");
        assertThat((String) at(store, "spec", "configuration", "destinationPath")).startsWith("s3://");
        assertThat((String) at(store, "spec", "retentionPolicy")).isEqualTo("30d");
        String credentials = at(store, "spec", "configuration", "s3Credentials", "accessKeyId", "name");
        assertThat((Map<String, String>) at(rendered.get("Secret", credentials), "data")).containsKeys(
                (String) at(store, "spec", "configuration", "s3Credentials", "accessKeyId", "key"),
                (String) at(store, "spec", "configuration", "s3Credentials", "secretAccessKey", "key"));
        Map<String, Object> daily = rendered.get("ScheduledBackup", "consent-ledger-db-daily");
        assertThat((String) at(daily, "spec", "method")).isEqualTo("plugin");
        assertThat((String) at(daily, "spec", "pluginConfiguration", "name")).isEqualTo("barman-cloud.cloudnative-pg.io");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void devHasNoBackupsAndSoNeedsNoPlugin(String overlay) throws Exception {
        Kustomized rendered = Kustomized.render(overlay);
        assertThat((Object) at(rendered.get("Cluster", "consent-ledger-db"), "spec", "plugins")).isNull();
        assertThat(rendered.all("ObjectStore")).isEmpty();
        assertThat(rendered.all("ScheduledBackup")).isEmpty();
    }
}
