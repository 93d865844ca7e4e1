package io.tideway.infra.deploy;

import static io.tideway.infra.deploy.RepoFiles.list;
import static io.tideway.infra.deploy.RepoFiles.map;
import static io.tideway.infra.deploy.RepoFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.infra.stack.ServiceCatalog;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/k8s without a cluster: the Kustomize resources exist and parse, references between them
 * resolve (ConfigMap/Secret, Service selectors, StatefulSet volumes), every container is probed on
 * /health through a declared port and has resource requests, and the Secret holds placeholders
 * only.
 */
class KubernetesManifestsTest {

  private static final Set<String> WORKLOADS =
      Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");
  private static Path dir;
  private static Map<String, Object> kustomization;
  private static List<Map<String, Object>> resources;

  @BeforeAll
  static void load() {
    dir = RepoFiles.file("infra/k8s");
    kustomization = RepoFiles.yaml(dir.resolve("kustomization.yaml"));
    resources = new ArrayList<>();
    for (Object entry : list(kustomization, "resources")) {
      Path file = dir.resolve(String.valueOf(entry));
      assertThat(file).as("kustomization resource " + entry).isRegularFile();
      List<Map<String, Object>> docs = RepoFiles.yamlDocuments(file);
      assertThat(docs).as(entry + " holds resources").isNotEmpty();
      resources.addAll(docs);
    }
  }

  @Test
  void everyResourceIsWellFormedAndEveryManifestFileIsListed() throws Exception {
    assertThat(text(kustomization, "kind")).isEqualTo("Kustomization");
    for (Map<String, Object> r : resources) {
      assertThat(text(r, "apiVersion")).as("apiVersion of " + r.get("metadata")).isNotBlank();
      assertThat(text(r, "kind")).isNotBlank();
      assertThat(text(map(r, "metadata"), "name"))
          .as("name of a " + text(r, "kind"))
          .matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    }
    Set<String> listed =
        list(kustomization, "resources").stream().map(String::valueOf).collect(Collectors.toSet());
    try (var files = Files.list(dir)) {
      Set<String> onDisk =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
              .collect(Collectors.toSet());
      assertThat(listed)
          .as("manifests not in kustomization.yaml are never applied")
          .containsAll(onDisk);
    }
  }

  @Test
  void theFourServicesRunAsTheRightWorkloadKinds() {
    assertThat(named("Deployment", ServiceCatalog.INGEST.module())).isNotNull();
    assertThat(named("Deployment", ServiceCatalog.LOADER.module())).isNotNull();
    assertThat(named("Deployment", ServiceCatalog.VERIFIER.module())).isNotNull();
    Map<String, Object> cleaner = named("StatefulSet", ServiceCatalog.CLEANER.module());
    assertThat(cleaner).isNotNull();

    // The cleaner's state dir is a volume claim template, and its governing Service is headless.
    Map<String, Object> container = containers(cleaner).get(0);
    String stateDir = env(container).get("TIDEWAY_CLEANER_STATE_DIR");
    List<Object> templates = list(map(cleaner, "spec"), "volumeClaimTemplates");
    assertThat(templates).isNotEmpty();
    String claim = text(map(templates.get(0), "metadata"), "name");
    assertThat(list(container, "volumeMounts"))
        .anySatisfy(
            m -> {
              assertThat(text(m, "name")).isEqualTo(claim);
              assertThat(text(m, "mountPath")).isEqualTo(stateDir);
            });
    Map<String, Object> headless = named("Service", text(map(cleaner, "spec"), "serviceName"));
    assertThat(headless).as("StatefulSet serviceName").isNotNull();
    assertThat(text(map(headless, "spec"), "clusterIP")).isEqualTo("None");
    assertThat(env(container)).containsEntry("TIDEWAY_CLEANER_APPLICATION_ID", "tideway-cleaner");

    Map<String, Object> verifierService = named("Service", ServiceCatalog.VERIFIER.module());
    assertThat(verifierService).isNotNull();
    assertThat(list(map(verifierService, "spec"), "ports"))
        .anySatisfy(p -> assertThat(text(p, "port")).isEqualTo("8080"));

    // Loader replicas need distinct transactional ids: the pod name.
    Map<String, Object> loader =
        containers(named("Deployment", ServiceCatalog.LOADER.module())).get(0);
    Object instance =
        list(loader, "env").stream()
            .filter(e -> "TIDEWAY_LOADER_INSTANCE_ID".equals(text(e, "name")))
            .findFirst()
            .orElseThrow();
    assertThat(text(map(map(instance, "valueFrom"), "fieldRef"), "fieldPath"))
        .isEqualTo("metadata.name");
  }

  @Test
  void everyConfigMapAndSecretReferenceResolves() {
    Map<String, Set<String>> configMaps = keysOf("ConfigMap", "data");
    Map<String, Set<String>> secrets = keysOf("Secret", "stringData");
    keysOf("Secret", "data")
        .forEach(
            (name, keys) ->
                secrets.merge(
                    name,
                    keys,
                    (a, b) -> {
                      a.addAll(b);
                      return a;
                    }));
    int references = 0;
    for (Map<String, Object> workload : workloads()) {
      for (Map<String, Object> c : containers(workload)) {
        String where = text(map(workload, "metadata"), "name") + "/" + text(c, "name");
        for (Object from : list(c, "envFrom")) {
          if (map(from, "configMapRef").containsKey("name")) {
            assertThat(configMaps)
                .as(where + " envFrom")
                .containsKey(text(map(from, "configMapRef"), "name"));
            references++;
          }
          if (map(from, "secretRef").containsKey("name")) {
            assertThat(secrets)
                .as(where + " envFrom")
                .containsKey(text(map(from, "secretRef"), "name"));
            references++;
          }
        }
        for (Object e : list(c, "env")) {
          Map<String, Object> valueFrom = map(e, "valueFrom");
          Map<String, Object> cm = map(valueFrom, "configMapKeyRef");
          Map<String, Object> secret = map(valueFrom, "secretKeyRef");
          if (!cm.isEmpty()) {
            assertThat(configMaps.get(text(cm, "name")))
                .as(where + " " + cm)
                .isNotNull()
                .contains(text(cm, "key"));
            references++;
          }
          if (!secret.isEmpty()) {
            assertThat(secrets.get(text(secret, "name")))
                .as(where + " " + secret)
                .isNotNull()
                .contains(text(secret, "key"));
            references++;
          }
        }
      }
    }
    assertThat(references).isGreaterThanOrEqualTo(8);
    Map<String, Set<String>> config = configMaps;
    assertThat(config.get("tideway-config"))
        .contains("KAFKA_BOOTSTRAP_SERVERS", "TIDEWAY_TOPIC_PREFIX");
    assertThat(secrets.get("tideway-secrets")).contains("MONGO_URI", "TIDEWAY_ADMIN_TOKEN");
  }

  @Test
  void secretValuesArePlaceholders() {
    for (Map<String, Object> secret : ofKind("Secret")) {
      assertThat(map(secret, "data"))
          .as("base64 data would hide real values; use stringData")
          .isEmpty();
      map(secret, "stringData")
          .forEach(
              (key, value) -> {
                String v = String.valueOf(value);
                assertThat(v.isEmpty() || v.contains("REPLACE_ME"))
                    .as(key + " must be a placeholder")
                    .isTrue();
              });
    }
  }

  @Test
  void everySelectorMatchesTheLabelsOfSomePods() {
    List<Map<String, String>> podLabels = new ArrayList<>();
    for (Map<String, Object> workload : workloads()) {
      Map<String, String> labels =
          strings(map(map(map(workload, "spec"), "template"), "metadata"), "labels");
      Map<String, String> own = strings(map(map(workload, "spec"), "selector"), "matchLabels");
      assertThat(labels)
          .as(text(map(workload, "metadata"), "name") + " selects its own pods")
          .containsAllEntriesOf(own);
      assertThat(own).isNotEmpty();
      podLabels.add(labels);
    }
    for (Map<String, Object> service : ofKind("Service")) {
      Map<String, String> selector = strings(map(service, "spec"), "selector");
      assertThat(selector).as("Service " + text(map(service, "metadata"), "name")).isNotEmpty();
      assertThat(podLabels)
          .as("Service " + text(map(service, "metadata"), "name") + " selects pods")
          .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
    }
    for (Map<String, Object> pdb : ofKind("PodDisruptionBudget")) {
      Map<String, String> selector = strings(map(map(pdb, "spec"), "selector"), "matchLabels");
      assertThat(podLabels)
          .as("PDB " + text(map(pdb, "metadata"), "name"))
          .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
    }
  }

  @Test
  void everyContainerIsProbedOnHealthThroughADeclaredPortAndRequestsResources() {
    for (Map<String, Object> workload : workloads()) {
      for (Map<String, Object> c : containers(workload)) {
        String where = text(map(workload, "metadata"), "name") + "/" + text(c, "name");
        Map<String, String> portsByName = new HashMap<>();
        for (Object p : list(c, "ports")) {
          portsByName.put(text(p, "name"), text(p, "containerPort"));
        }
        assertThat(portsByName).as(where + " ports").isNotEmpty();
        for (String probe : List.of("readinessProbe", "livenessProbe")) {
          Map<String, Object> get = map(map(c, probe), "httpGet");
          assertThat(text(get, "path")).as(where + " " + probe).isEqualTo("/health");
          String port = text(get, "port");
          assertThat(portsByName.containsKey(port) || portsByName.containsValue(port))
              .as(where + " " + probe + " port " + port + " is declared")
              .isTrue();
        }
        String port = portsByName.values().iterator().next();
        assertThat(env(c).get("MICRONAUT_SERVER_PORT"))
            .as(where + " listens on its container port")
            .isEqualTo(port);
        Map<String, Object> resources = map(c, "resources");
        assertThat(map(resources, "requests"))
            .as(where + " requests")
            .containsKeys("cpu", "memory");
        assertThat(map(resources, "limits")).as(where + " limits").containsKey("memory");
        String image = text(c, "image");
        assertThat(DockerImages.isPinned(image)).as(where + " image " + image).isTrue();
        assertThat(list(kustomization, "images"))
            .as(where + " image can be retagged in kustomization.yaml")
            .anySatisfy(i -> assertThat(image).startsWith(text(i, "name") + ":"));
      }
      Map<String, Object> pod = map(map(map(workload, "spec"), "template"), "spec");
      assertThat(map(pod, "securityContext"))
          .as("pods run as non-root")
          .containsEntry("runAsNonRoot", true);
    }
  }

  @Test
  void kustomizeBuildsTheOverlayWhenKubectlIsInstalled() throws Exception {
    String kubectl = findOnPath("kubectl");
    Assumptions.assumeTrue(kubectl != null, "kubectl not on PATH");
    Process p =
        new ProcessBuilder(kubectl, "kustomize", dir.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("kind: StatefulSet")
        .contains("namespace: tideway")
        .contains("app.kubernetes.io/part-of: tideway");
  }

  // ---------------------------------------------------------------- helpers

  private static List<Map<String, Object>> ofKind(String kind) {
    return resources.stream().filter(r -> kind.equals(text(r, "kind"))).toList();
  }

  private static Map<String, Object> named(String kind, String name) {
    return ofKind(kind).stream()
        .filter(r -> name.equals(text(map(r, "metadata"), "name")))
        .findFirst()
        .orElse(null);
  }

  private static List<Map<String, Object>> workloads() {
    return resources.stream().filter(r -> WORKLOADS.contains(text(r, "kind"))).toList();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> containers(Map<String, Object> workload) {
    Map<String, Object> pod = map(map(map(workload, "spec"), "template"), "spec");
    List<Map<String, Object>> all = new ArrayList<>();
    for (String key : List.of("initContainers", "containers")) {
      list(pod, key).forEach(c -> all.add((Map<String, Object>) c));
    }
    return all;
  }

  private static Map<String, String> env(Map<String, Object> container) {
    Map<String, String> env = new HashMap<>();
    for (Object e : list(container, "env")) {
      env.put(text(e, "name"), text(e, "value"));
    }
    return env;
  }

  private static Map<String, Set<String>> keysOf(String kind, String section) {
    Map<String, Set<String>> keys = new HashMap<>();
    for (Map<String, Object> r : ofKind(kind)) {
      keys.computeIfAbsent(text(map(r, "metadata"), "name"), k -> new java.util.HashSet<>())
          .addAll(map(r, section).keySet());
    }
    return keys;
  }

  private static Map<String, String> strings(Map<String, Object> parent, String key) {
    Map<String, String> out = new HashMap<>();
    map(parent, key).forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static String findOnPath(String command) {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(entry, command);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }
}
