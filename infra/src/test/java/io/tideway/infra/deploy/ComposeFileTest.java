package io.tideway.infra.deploy;

import static io.tideway.infra.deploy.RepoFiles.list;
import static io.tideway.infra.deploy.RepoFiles.map;
import static io.tideway.infra.deploy.RepoFiles.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tideway.infra.stack.ServiceCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml without Docker: the file parses, images are pinned, every long-running
 * container has a health check and every dependency waits on a condition, variables resolve, the
 * four services carry their settings, and the files mounted into containers exist.
 */
class ComposeFileTest {

  private static final Set<String> CONDITIONS =
      Set.of("service_healthy", "service_completed_successfully", "service_started");
  private static final List<String> COMMON_ENV =
      List.of(
          "KAFKA_BOOTSTRAP_SERVERS",
          "MONGO_URI",
          "TIDEWAY_TOPIC_PREFIX",
          "MICRONAUT_SERVER_PORT",
          "TIDEWAY_MAPPINGS_DIR");

  private static String raw;
  private static Map<String, Object> compose;
  private static Map<String, Object> services;
  private static Map<String, String> dotEnv;

  @BeforeAll
  static void load() {
    Path file = RepoFiles.file("docker-compose.yml");
    raw = RepoFiles.read(file);
    compose = RepoFiles.yaml(file);
    services = map(compose, "services");
    dotEnv = ComposeVariables.dotEnv(RepoFiles.read(RepoFiles.file(".env")));
  }

  @Test
  void everyServiceRunsAPinnedImageOrIsBuiltFromThisRepository() {
    assertThat(services).isNotEmpty();
    services.forEach(
        (name, service) -> {
          String image = resolved(text(service, "image"));
          Map<String, Object> build = map(service, "build");
          if (!build.isEmpty()) {
            Path context = RepoFiles.root().resolve(text(build, "context")).normalize();
            assertThat(context.resolve(text(build, "dockerfile")))
                .as(name + " Dockerfile")
                .isRegularFile();
          } else {
            assertThat(image).as(name + " has neither image nor build").isNotNull();
          }
          if (image != null) {
            assertThat(DockerImages.isPinned(image))
                .as(name + " image " + image + " is pinned")
                .isTrue();
          }
        });
  }

  @Test
  void longRunningServicesHaveHealthChecksAndOneShotsDoNotRestart() {
    services.forEach(
        (name, service) -> {
          boolean oneShot = "no".equals(text(service, "restart"));
          Map<String, Object> health = map(service, "healthcheck");
          if (oneShot) {
            assertThat(health).as(name + " is a one-shot").isEmpty();
          } else {
            assertThat(text(service, "restart"))
                .as(name + " restart")
                .isIn("unless-stopped", "always", "on-failure");
            assertThat(list(health, "test")).as(name + " healthcheck test").isNotEmpty();
            assertThat(list(health, "test").get(0)).as(name).isIn("CMD", "CMD-SHELL");
            assertThat(health.get("disable")).as(name).isNotEqualTo(Boolean.TRUE);
          }
        });
  }

  @Test
  void everyDependencyExistsAndWaitsOnAMatchingCondition() {
    services.forEach(
        (name, service) -> {
          Object dependsOn = ((Map<?, ?>) service).get("depends_on");
          if (dependsOn == null) {
            return;
          }
          assertThat(dependsOn)
              .as(name + " depends_on must be the long form with conditions")
              .isInstanceOf(Map.class);
          map(service, "depends_on")
              .forEach(
                  (target, spec) -> {
                    assertThat(services).as(name + " depends on " + target).containsKey(target);
                    String condition = text(spec, "condition");
                    assertThat(condition).as(name + " -> " + target).isIn(CONDITIONS);
                    Object other = services.get(target);
                    if (condition.equals("service_healthy")) {
                      assertThat(map(other, "healthcheck"))
                          .as(target + " needs a healthcheck for " + name)
                          .isNotEmpty();
                    }
                    if (condition.equals("service_completed_successfully")) {
                      assertThat(text(other, "restart"))
                          .as(target + " must be a one-shot for " + name)
                          .isEqualTo("no");
                    }
                    if (list(service, "profiles").isEmpty()) {
                      assertThat(list(other, "profiles"))
                          .as(name + " (no profile) depends on profiled " + target)
                          .isEmpty();
                    }
                  });
        });
  }

  @Test
  void everyVariableHasADefaultOrIsDefinedInDotEnvAndTheyAgree() {
    List<ComposeVariables.Use> uses = ComposeVariables.uses(raw);
    assertThat(uses).isNotEmpty();
    for (ComposeVariables.Use use : uses) {
      assertThat(use.defaultValue() != null || dotEnv.containsKey(use.name()))
          .as("${" + use.name() + "} needs a default or a .env entry")
          .isTrue();
      // Stricter than compose needs: the file promises to start without .env (e.g. `-f` from
      // elsewhere).
      assertThat(use.defaultValue())
          .as("${" + use.name() + "} has a default in docker-compose.yml")
          .isNotNull();
      if (use.defaultValue() != null && dotEnv.containsKey(use.name())) {
        assertThat(use.defaultValue())
            .as("default of ${" + use.name() + "} vs .env")
            .isEqualTo(dotEnv.get(use.name()));
      }
    }
    assertThat(ComposeVariables.bareUses(raw))
        .as("unbraced $VAR (escape shell variables as $$VAR)")
        .isEmpty();
  }

  @Test
  void publishedPortsBindToTheConfiguredInterfaceAndDoNotCollide() {
    Set<String> hostPorts = new TreeSet<>();
    services.forEach(
        (name, service) -> {
          for (Object port : list(service, "ports")) {
            String spec = String.valueOf(port);
            assertThat(spec)
                .as(name + " port " + spec + " binds to ${BIND_ADDRESS}")
                .startsWith("${BIND_ADDRESS:-127.0.0.1}:");
            String hostPort = resolved(spec).split(":")[1];
            assertThat(hostPorts.add(hostPort))
                .as("host port " + hostPort + " used twice")
                .isTrue();
          }
        });
    assertThat(dotEnv.get("BIND_ADDRESS")).isEqualTo("127.0.0.1");
  }

  @Test
  void theFourServicesAreBuiltWithTheirMainClassAndCarryTheirSettings() {
    for (ServiceCatalog s : ServiceCatalog.values()) {
      Object service = services.get(s.module());
      assertThat(service).as(s.module()).isNotNull();
      Map<String, Object> args = map(map(service, "build"), "args");
      assertThat(args.get("MODULE")).isEqualTo(s.module());
      assertThat(args.get("MAIN_CLASS")).isEqualTo(s.mainClass());
      Map<String, String> env = environment(service);
      assertThat(env)
          .as(s.module() + " environment")
          .containsKeys(COMMON_ENV.toArray(String[]::new));
      String port = Integer.toString(s.port(8080));
      assertThat(env.get("MICRONAUT_SERVER_PORT")).isEqualTo(port);
      assertThat(String.valueOf(args.get("PORT"))).isEqualTo(port);
      assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:19092");
      assertThat(env.get("MONGO_URI"))
          .startsWith("mongodb://mongo:27017/")
          .contains("replicaSet=rs0");
      assertThat(env.get("TIDEWAY_TOPIC_PREFIX")).isEqualTo("tideway.");
      assertThat(mountTargets(service))
          .as(s.module() + " mounts the mappings dir")
          .contains(env.get("TIDEWAY_MAPPINGS_DIR"));
      assertThat(list(map(service, "healthcheck"), "test").toString()).contains("HealthProbe");
      assertThat(text(service, "stop_grace_period"))
          .as(s.module() + " graceful shutdown time")
          .isEqualTo("30s");
    }
    Map<String, String> ingest = environment(services.get("ingest-service"));
    assertThat(ingest)
        .containsKeys(
            "TIDEWAY_INBOX",
            "TIDEWAY_INGEST_WORK_DIR",
            "TIDEWAY_S3_ENABLED",
            "TIDEWAY_S3_ENDPOINT",
            "TIDEWAY_S3_BUCKET",
            "TIDEWAY_S3_PREFIX",
            "TIDEWAY_S3_PATH_STYLE",
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_REGION");
    assertThat(ingest.get("TIDEWAY_S3_ENDPOINT")).isEqualTo("http://minio:9000");
    assertThat(environment(services.get("verifier-service"))).containsKey("TIDEWAY_ADMIN_TOKEN");
    assertThat(environment(services.get("cleaner-streams")))
        .containsEntry("TIDEWAY_CLEANER_APPLICATION_ID", "tideway-cleaner");
    assertThat(environment(services.get("loader-service")))
        .containsEntry("TIDEWAY_LOADER_GROUP_ID", "tideway-loader");
  }

  @Test
  void ingestWorkDirSharesTheInboxMountSoMovesAreAtomic() {
    Object ingest = services.get("ingest-service");
    Map<String, String> env = environment(ingest);
    String inbox = env.get("TIDEWAY_INBOX");
    String workDir = env.get("TIDEWAY_INGEST_WORK_DIR");
    assertThat(mountTargets(ingest)).contains(inbox);
    assertThat(workDir).startsWith(inbox + "/.");
  }

  @Test
  void cleanerStateIsOnANamedVolumeAndScalableServicesHaveNoFixedNameOrHostPort() {
    Object cleaner = services.get("cleaner-streams");
    String stateDir = environment(cleaner).get("TIDEWAY_CLEANER_STATE_DIR");
    Map<String, String> volumes = namedVolumeMounts(cleaner);
    assertThat(volumes).as("cleaner state on a named volume").containsValue(stateDir);
    for (String scalable : List.of("cleaner-streams", "loader-service")) {
      Object service = services.get(scalable);
      assertThat(text(service, "container_name")).as(scalable).isNull();
      assertThat(text(service, "hostname")).as(scalable).isNull();
      assertThat(list(service, "ports")).as(scalable + " publishes no host port").isEmpty();
    }
    String instanceId =
        environment(services.get("loader-service")).get("TIDEWAY_LOADER_INSTANCE_ID");
    assertThat(instanceId == null || instanceId.isEmpty())
        .as(
            "loader instance id must default to the hostname (unique per replica), got "
                + instanceId)
        .isTrue();
  }

  @Test
  void everyVolumeIsDeclaredAndEveryBoundFileExists() {
    Set<String> declared = map(compose, "volumes").keySet();
    services.forEach(
        (name, service) -> {
          for (Object volume : list(service, "volumes")) {
            String source;
            String type;
            if (volume instanceof Map<?, ?> long_) {
              type = text(long_, "type");
              source = resolved(text(long_, "source"));
            } else {
              String spec = resolved(String.valueOf(volume));
              source = spec.substring(0, spec.indexOf(':'));
              type = source.startsWith(".") || source.startsWith("/") ? "bind" : "volume";
            }
            if (type.equals("volume")) {
              assertThat(declared).as(name + " uses volume " + source).contains(source);
            } else if (!isCreatedOnStart(volume)) {
              assertThat(RepoFiles.root().resolve(source)).as(name + " binds " + source).exists();
            }
          }
        });
  }

  @Test
  void kafkaIsASingleKraftNodeAdvertisingTheAddressTheServicesUse() {
    Map<String, String> env = environment(services.get("kafka"));
    assertThat(text(services.get("kafka"), "image")).startsWith("apache/kafka:");
    assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("//kafka:19092");
    assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE")).isEqualTo("false");
    assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("1");
    Object init = services.get("kafka-init");
    assertThat(list(init, "entrypoint").toString()).contains("create-topics.sh");
    for (ServiceCatalog s : ServiceCatalog.values()) {
      assertThat(map(map(services.get(s.module()), "depends_on"), "kafka-init"))
          .as(s.module() + " waits for the topics")
          .containsEntry("condition", "service_completed_successfully");
    }
  }

  @Test
  void mongoIsAnInitiatedReplicaSetAndMinioGetsItsBucket() {
    Object mongo = services.get("mongo");
    assertThat(list(mongo, "command")).contains("--replSet", "rs0");
    String health = list(map(mongo, "healthcheck"), "test").toString();
    assertThat(health).contains("rs.initiate").contains("rs0").contains("isWritablePrimary");
    Object mc = services.get("minio-init");
    assertThat(String.valueOf(((Map<?, ?>) mc).get("command"))).contains("mc mb --ignore-existing");
    assertThat(map(map(services.get("ingest-service"), "depends_on"), "minio-init"))
        .containsEntry("condition", "service_completed_successfully");
  }

  @Test
  void prometheusConfigExistsAndScrapesEveryServiceOnItsPort() {
    Path config = RepoFiles.file("infra/prometheus/prometheus.yml");
    assertThat(list(services.get("prometheus"), "volumes").toString())
        .contains("./infra/prometheus/prometheus.yml:");
    Map<String, Object> prometheus = RepoFiles.yaml(config);
    for (ServiceCatalog s : ServiceCatalog.values()) {
      String target = s.module() + ":" + s.port(8080);
      boolean scraped = false;
      for (Object job : list(prometheus, "scrape_configs")) {
        if (!"/prometheus".equals(text(job, "metrics_path"))) {
          continue;
        }
        for (Object sd : list(job, "dns_sd_configs")) {
          scraped |=
              list(sd, "names").contains(s.module())
                  && String.valueOf(s.port(8080)).equals(text(sd, "port"));
        }
        for (Object sc : list(job, "static_configs")) {
          scraped |= list(sc, "targets").contains(target);
        }
      }
      assertThat(scraped).as("prometheus scrapes " + target + "/prometheus").isTrue();
    }
  }

  @Test
  void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() throws Exception {
    Object grafana = services.get("grafana");
    Map<String, String> mounts = bindMounts(grafana);
    assertThat(mounts).containsEntry("./infra/grafana/provisioning", "/etc/grafana/provisioning");
    String dashboardsTarget = mounts.get("./infra/grafana/dashboards");
    assertThat(dashboardsTarget).isNotNull();

    Map<String, Object> datasources =
        RepoFiles.yaml(RepoFiles.file("infra/grafana/provisioning/datasources/prometheus.yml"));
    Object ds = list(datasources, "datasources").get(0);
    assertThat(text(ds, "type")).isEqualTo("prometheus");
    assertThat(text(ds, "url")).isEqualTo("http://prometheus:9090");
    assertThat(services).containsKey("prometheus");

    Map<String, Object> providers =
        RepoFiles.yaml(RepoFiles.file("infra/grafana/provisioning/dashboards/tideway.yml"));
    assertThat(text(map(list(providers, "providers").get(0), "options"), "path"))
        .isEqualTo(dashboardsTarget);
    String home = environment(grafana).get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH");
    assertThat(home).startsWith(dashboardsTarget + "/");
    Path homeFile =
        RepoFiles.file("infra/grafana/dashboards")
            .resolve(home.substring(dashboardsTarget.length() + 1));
    assertThat(homeFile).isRegularFile();

    GrafanaDashboard.check(homeFile, text(ds, "uid"));
    try (var files = Files.list(RepoFiles.file("infra/grafana/dashboards"))) {
      for (Path p : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        GrafanaDashboard.check(p, text(ds, "uid"));
      }
    }
  }

  @Test
  void connectProfileRunsTheSinkFromInfraConnect() {
    List<String> profiled = new ArrayList<>();
    services.forEach(
        (name, service) -> {
          if (list(service, "profiles").contains("connect")) {
            profiled.add(name);
          }
        });
    assertThat(profiled).contains("connect", "connect-plugin");
    Object connect = services.get("connect");
    assertThat(bindMounts(connect)).containsKeys("./infra/connect", "./infra/docker/connect");
    assertThat(RepoFiles.file("infra/connect/mongo-sink.properties")).isRegularFile();
    assertThat(RepoFiles.file("infra/connect/connect-standalone.properties")).isRegularFile();
    assertThat(list(connect, "entrypoint").toString()).contains("start-connect.sh");
    assertThat(RepoFiles.file("infra/docker/connect/start-connect.sh")).isRegularFile();
    Object plugin = services.get("connect-plugin");
    assertThat(String.valueOf(((Map<?, ?>) plugin).get("command")))
        .contains("org.mongodb.kafka:mongo-kafka-connect:")
        .contains(":jar:all")
        .contains("-DoutputDirectory=/connect-lib/plugins/")
        .contains("-d /connect-lib/probe");
    assertThat(environment(connect).get("TIDEWAY_CONNECT_PLUGIN_PATH"))
        .isEqualTo("/opt/tideway/connect-lib/plugins");
    assertThat(list(map(connect, "healthcheck"), "test"))
        .contains("/opt/tideway/connect-lib/probe", "HealthProbe", "RUNNING");
    assertThat(namedVolumeMounts(connect)).containsEntry("connect-lib", "/opt/tideway/connect-lib");
    assertThat(namedVolumeMounts(plugin)).containsEntry("connect-lib", "/connect-lib");
  }

  // ---------------------------------------------------------------- helpers

  /** A value with compose defaults applied (as if no variable were set). */
  private static String resolved(String value) {
    return value == null ? null : ComposeVariables.resolve(value, Map.of());
  }

  /** The environment as a map, from either compose form, with defaults applied. */
  static Map<String, String> environment(Object service) {
    Map<String, String> env = new LinkedHashMap<>();
    Object e = ((Map<?, ?>) service).get("environment");
    if (e instanceof Map<?, ?> m) {
      m.forEach(
          (k, v) -> env.put(String.valueOf(k), v == null ? null : resolved(String.valueOf(v))));
    } else if (e instanceof List<?> l) {
      for (Object item : l) {
        String s = String.valueOf(item);
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? null : resolved(s.substring(eq + 1)));
      }
    }
    return env;
  }

  private static List<String> mountTargets(Object service) {
    List<String> targets = new ArrayList<>();
    for (Object volume : list(service, "volumes")) {
      if (volume instanceof Map<?, ?> m) {
        targets.add(text(m, "target"));
      } else {
        targets.add(String.valueOf(volume).split(":")[1]);
      }
    }
    return targets;
  }

  private static Map<String, String> namedVolumeMounts(Object service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (Object volume : list(service, "volumes")) {
      if (volume instanceof String s
          && !s.startsWith(".")
          && !s.startsWith("/")
          && !s.startsWith("$")) {
        String[] parts = s.split(":");
        mounts.put(parts[0], parts[1]);
      } else if (volume instanceof Map<?, ?> m && "volume".equals(text(m, "type"))) {
        mounts.put(text(m, "source"), text(m, "target"));
      }
    }
    return mounts;
  }

  private static Map<String, String> bindMounts(Object service) {
    Map<String, String> mounts = new LinkedHashMap<>();
    for (Object volume : list(service, "volumes")) {
      if (volume instanceof String s && (s.startsWith(".") || s.startsWith("/"))) {
        String[] parts = s.split(":");
        mounts.put(parts[0], parts[1]);
      } else if (volume instanceof Map<?, ?> m && "bind".equals(text(m, "type"))) {
        mounts.put(resolved(text(m, "source")), text(m, "target"));
      }
    }
    return mounts;
  }

  private static boolean isCreatedOnStart(Object volume) {
    return Boolean.TRUE.equals(map(volume, "bind").get("create_host_path"));
  }
}
