package org.consentledger.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay with {@code kubectl kustomize} (offline) and checks what a cluster would
 * get: names, ports, probes, security, the drain inside the grace period, the database roles and
 * services, and that every variable the pod is given is one the service reads.
 */
class KustomizeTest {

    private static ServiceSettings settings;

    @BeforeAll
    static void needsKubectl() {
        assumeTrue(Kustomized.kubectlInstalled(), "kubectl is not installed: the overlays cannot be rendered here");
        settings = ServiceSettings.load();
    }

    private static Kustomized render(String overlay) throws IOException, InterruptedException {
        return Kustomized.render(overlay);
    }

    static <T> T at(Object node, Object... path) {
        return Kustomized.at(node, path);
    }

    private static Object val(Object node, Object... path) {
        return at(node, path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServiceReachesThePodsHttpPortAndTheProbesAskTheHealthEndpoints(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, Object> container = rendered.container();
        assertThat(val(container, "ports", 0)).isEqualTo(Map.of("name", "http", "containerPort", 8080));
        assertThat(val(rendered.get("Service", "consent-ledger"), "spec", "ports", 0, "targetPort")).isEqualTo("http");
        assertThat(val(container, "livenessProbe", "httpGet")).isEqualTo(Map.of("path", "/q/health/live", "port", "http"));
        assertThat(val(container, "readinessProbe", "httpGet")).isEqualTo(Map.of("path", "/q/health/ready", "port", "http"));
        assertThat(val(container, "startupProbe", "httpGet")).isEqualTo(Map.of("path", "/q/health/started", "port", "http"));
        assertThat(val(container, "resources", "requests")).isNotNull();
        assertThat(val(container, "resources", "limits", "memory")).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePodRunsAsNonRootOnAReadOnlyRootWithAWritableTmp(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, Object> pod = at(rendered.workload(), "spec", "template", "spec");
        Map<String, Object> container = rendered.container();
        assertThat(val(pod, "securityContext", "runAsNonRoot")).isEqualTo(true);
        assertThat(val(container, "securityContext", "readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(val(container, "securityContext", "allowPrivilegeEscalation")).isEqualTo(false);
        List<Map<String, Object>> mounts = at(container, "volumeMounts");
        String tmpVolume = mounts.stream().filter(m -> "/tmp".equals(m.get("mountPath"))).map(m -> (String) m.get("name"))
                .findFirst().orElseThrow();
        List<Map<String, Object>> volumes = at(pod, "volumes");
        assertThat(volumes).anySatisfy(v -> assertThat(v).containsEntry("name", tmpVolume).containsKey("emptyDir"));
        String stateDir = at(rendered.get("ConfigMap", "consent-ledger"), "data", "CONSENT_LEDGER_STATE_DIR");
        assertThat(mounts).anySatisfy(m -> assertThat(stateDir).startsWith((String) m.get("mountPath")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theGracePeriodOutlastsTheDrain(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, String> config = at(rendered.get("ConfigMap", "consent-ledger"), "data");
        Duration drain = duration(config.getOrDefault("QUARKUS_SHUTDOWN_DELAY", "5s"))
                .plus(duration(config.getOrDefault("QUARKUS_SHUTDOWN_TIMEOUT", "20s")));
        int grace = at(rendered.workload(), "spec", "template", "spec", "terminationGracePeriodSeconds");
        assertThat(Duration.ofSeconds(grace)).isGreaterThan(drain);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyVariableThePodIsGivenIsOneTheServiceReads(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, Object> container = rendered.container();
        List<String> names = new ArrayList<>();
        for (Map<String, Object> from : KustomizeTest.<List<Map<String, Object>>>at(container, "envFrom")) {
            Map<String, String> data = at(rendered.get("ConfigMap", at(from, "configMapRef", "name")), "data");
            names.addAll(data.keySet());
        }
        for (Map<String, Object> env : KustomizeTest.<List<Map<String, Object>>>at(container, "env")) {
            names.add((String) env.get("name"));
        }
        assertThat(names).contains("QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_FLYWAY_USERNAME")
                .allSatisfy(name -> assertThat(settings.reads(name)).as(name).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServiceWritesThroughTheClustersPrimaryAsConsentAppAndMigratesAsItsOwner(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, Object> cluster = rendered.get("Cluster", "consent-ledger-db");
        assertThat((String) at(rendered.get("ConfigMap", "consent-ledger"), "data", "QUARKUS_DATASOURCE_JDBC_URL"))
                .startsWith("jdbc:postgresql://consent-ledger-db-rw:5432/" + at(cluster, "spec", "bootstrap", "initdb", "database"));
        assertThat(val(cluster, "spec", "bootstrap", "initdb", "owner")).isEqualTo("consent_owner");
        assertThat(val(cluster, "spec", "managed", "roles", 0, "name")).isEqualTo("consent_app");
        assertThat(KustomizeTest.<List<String>>at(cluster, "spec", "bootstrap", "initdb", "postInitSQL"))
                .as("consent_app exists before the first migration").contains("create role consent_app nologin");
        assertThat(decoded(rendered.get("Secret", "consent-ledger-db-app"), "username")).isEqualTo("consent_app");
        assertThat(decoded(rendered.get("Secret", "consent-ledger-db-owner"), "username")).isEqualTo("consent_owner");
        assertThat(val(cluster, "spec", "bootstrap", "initdb", "secret", "name")).isEqualTo("consent-ledger-db-owner");
        assertThat(val(cluster, "spec", "managed", "roles", 0, "passwordSecret", "name")).isEqualTo("consent-ledger-db-app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheIngressNamespaceReachesTheServiceAndOnlyTheServiceAndItsPeersReachPostgres(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, Object> app = rendered.get("NetworkPolicy", "consent-ledger");
        assertThat(val(app, "spec", "ingress")).asList().hasSize(2);
        assertThat(val(app, "spec", "ingress", 0, "from", 0, "namespaceSelector")).isNotNull();
        assertThat(val(app, "spec", "ingress", 0, "ports", 0, "port")).isEqualTo(8080);
        assertThat(val(app, "spec", "ingress", 1, "from", 0, "namespaceSelector", "matchLabels"))
                .isEqualTo(Map.of("kubernetes.io/metadata.name", "monitoring"));
        assertThat(val(app, "spec", "ingress", 1, "ports", 0, "port")).isEqualTo(9000);
        List<Map<String, Object>> egress = at(app, "spec", "egress");
        assertThat(egress).extracting(e -> at(e, "ports", 0, "port")).containsExactly(53, 5432, 443);
        Map<String, Object> db = rendered.get("NetworkPolicy", "consent-ledger-db");
        assertThat(val(db, "spec", "ingress", 0, "from", 0, "podSelector", "matchLabels"))
                .isEqualTo(at(rendered.workload(), "spec", "selector", "matchLabels"));
        assertThat(val(rendered.get("HorizontalPodAutoscaler", "consent-ledger"), "spec", "scaleTargetRef", "name"))
                .isEqualTo("consent-ledger");
        assertThat(val(rendered.get("PodDisruptionBudget", "consent-ledger"), "spec", "selector", "matchLabels"))
                .isEqualTo(at(rendered.workload(), "spec", "selector", "matchLabels"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void prometheusFindsTheManagementPortThroughThePodsAnnotations(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        Map<String, Object> container = rendered.container();
        assertThat(val(container, "ports", 1)).isEqualTo(Map.of("name", "management", "containerPort", 9000));
        assertThat((String) at(rendered.get("ConfigMap", "consent-ledger"), "data", "QUARKUS_MANAGEMENT_HOST"))
                .as("the pod opts in to serve metrics beyond loopback, for Prometheus").isEqualTo("0.0.0.0");
        Map<String, Object> pod = at(rendered.workload(), "spec", "template");
        assertThat(KustomizeTest.<Map<String, String>>at(pod, "metadata", "annotations")).containsEntry("prometheus.io/port", "9000")
                .containsEntry("prometheus.io/path", "/q/metrics");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodScrapesAndAlertsOnTheLedgerAndErrorsThroughThePrometheusOperator(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        assertThat(val(rendered.get("PodMonitor", "consent-ledger"), "spec", "podMetricsEndpoints", 0))
                .isEqualTo(Map.of("port", "management", "path", "/q/metrics", "interval", "30s"));
        List<Map<String, Object>> groups = at(rendered.get("PrometheusRule", "consent-ledger"), "spec", "groups");
        String rules = groups.toString();
        assertThat(rules).contains("consent_ledger_lag_seconds", "consent_ledger_checkpoint_age_seconds",
                "consent_ledger_healthy", "http_server_requests_seconds_count{status=~\"5..\"}", "consent_events_refused_total");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev"})
    void devRunsTheLocallyBuiltImageWithoutPullingIt(String overlay) throws Exception {
        Map<String, Object> container = render(overlay).container();
        assertThat(container).containsEntry("image", "consent-ledger:dev").containsEntry("imagePullPolicy", "IfNotPresent");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prod"})
    void prodRunsAVersionedImageOnThreeSynchronousInstancesWithBackups(String overlay) throws Exception {
        Kustomized rendered = render(overlay);
        String image = (String) rendered.container().get("image");
        assertThat(image).matches(".+(:[0-9]+\\.[0-9]+\\.[0-9]+|@sha256:[0-9a-f]{64})").doesNotEndWith(":latest");
        assertThat(rendered.container()).containsKey("imagePullPolicy");
        Map<String, Object> cluster = rendered.get("Cluster", "consent-ledger-db");
        assertThat(val(cluster, "spec", "instances")).isEqualTo(3);
        assertThat((Integer) at(cluster, "spec", "postgresql", "synchronous", "number")).isPositive();
        assertThat(rendered.get("ScheduledBackup", "consent-ledger-db-daily")).isNotNull();
    }

    private static String decoded(Map<String, Object> secret, String key) {
        return new String(Base64.getDecoder().decode((String) at(secret, "data", key)), StandardCharsets.UTF_8);
    }

    private static Duration duration(String value) {
        return Duration.parse("PT" + value.toUpperCase());
    }
}
