// Creates the topics listed in deploy/local/topics.txt (and their .dlq twins), idempotently.
//
// Run by stack.sh with the JDK's single-file source launcher and the Kafka jars:
//   java -cp '<tools>/kafka/libs/*' deploy/local/kafka/CreateTopics.java 127.0.0.1:9092 deploy/local/topics.txt
//
// One JVM for all topics (a TopicCommand run per topic costs a JVM start each). For every topic:
// created if missing; partitions raised if fewer than wanted; the configs of the line applied to an
// existing topic (incrementalAlterConfigs SET). Existing topics are never deleted nor shrunk.
// Waits for the broker to answer (up to the timeout, default 60 s). Exit 0 on success, 1 on failure.

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

public class CreateTopics {

    record Spec(String name, int partitions, Map<String, String> configs) {}

    static List<Spec> parse(Path file) throws Exception {
        Map<String, Spec> specs = new LinkedHashMap<>();
        int lineNo = 0;
        for (String raw : Files.readAllLines(file)) {
            lineNo++;
            String line = raw.strip();
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash).strip();
            if (line.isEmpty()) continue;
            String[] tokens = line.split("\\s+");
            String name = tokens[0];
            int partitions = 3;
            boolean dlq = true;
            Map<String, String> configs = new LinkedHashMap<>();
            for (int i = 1; i < tokens.length; i++) {
                int eq = tokens[i].indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException(file + ":" + lineNo + ": expected key=value, got " + tokens[i]);
                String key = tokens[i].substring(0, eq);
                String value = tokens[i].substring(eq + 1);
                switch (key) {
                    case "partitions" -> partitions = Integer.parseInt(value);
                    case "dlq" -> dlq = Boolean.parseBoolean(value);
                    default -> configs.put(key, value);
                }
            }
            specs.put(name, new Spec(name, partitions, configs));
            if (dlq && !name.endsWith(".dlq")) {
                specs.putIfAbsent(name + ".dlq", new Spec(name + ".dlq", partitions, Map.of()));
            }
        }
        return new ArrayList<>(specs.values());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CreateTopics <bootstrap> <topics.txt>[,<more.txt>...] [timeout-seconds] [client.properties]");
            System.exit(2);
        }
        String bootstrap = args[0];
        List<Spec> specs = new ArrayList<>();
        for (String file : args[1].split(",")) specs.addAll(parse(Path.of(file)));
        long timeoutMs = TimeUnit.SECONDS.toMillis(args.length > 2 ? Long.parseLong(args[2]) : 60);

        Properties props = new Properties();
        if (args.length > 3) { // SASL settings of the super user
            try (var in = Files.newInputStream(Path.of(args[3]))) {
                props.load(in);
            }
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "spplus-create-topics");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(timeoutMs));

        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);

            List<NewTopic> toCreate = new ArrayList<>();
            for (Spec s : specs) {
                if (!existing.contains(s.name())) {
                    toCreate.add(new NewTopic(s.name(), s.partitions(), (short) 1).configs(s.configs()));
                }
            }
            int created = 0;
            if (!toCreate.isEmpty()) {
                for (Map.Entry<String, ? extends org.apache.kafka.common.KafkaFuture<Void>> e
                        : admin.createTopics(toCreate).values().entrySet()) {
                    try {
                        e.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                        created++;
                    } catch (ExecutionException ex) {
                        if (!(ex.getCause() instanceof TopicExistsException)) {
                            throw new RuntimeException("cannot create topic " + e.getKey() + ": " + ex.getCause(), ex.getCause());
                        }
                    }
                }
            }

            // Existing topics: raise partitions and apply the configs of topics.txt.
            Collection<String> names = specs.stream().map(Spec::name).toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(names).allTopicNames().get(timeoutMs, TimeUnit.MILLISECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
            for (Spec s : specs) {
                int have = described.get(s.name()).partitions().size();
                if (have < s.partitions()) grow.put(s.name(), NewPartitions.increaseTo(s.partitions()));
                if (!s.configs().isEmpty() && existing.contains(s.name())) {
                    List<AlterConfigOp> ops = new ArrayList<>();
                    s.configs().forEach((k, v) -> ops.add(new AlterConfigOp(new ConfigEntry(k, v), AlterConfigOp.OpType.SET)));
                    alter.put(new ConfigResource(ConfigResource.Type.TOPIC, s.name()), ops);
                }
            }
            if (!grow.isEmpty()) admin.createPartitions(grow).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            if (!alter.isEmpty()) admin.incrementalAlterConfigs(alter).all().get(timeoutMs, TimeUnit.MILLISECONDS);

            // Warm-up: looking up a group coordinator makes the broker create __consumer_offsets now,
            // so that the first consumer group of a test does not wait for it.
            boolean offsetsReady = true;
            try {
                admin.listConsumerGroupOffsets("spplus-warmup").partitionsToOffsetAndMetadata()
                        .get(Math.min(timeoutMs, 30_000), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                offsetsReady = false;
            }

            System.out.printf("%d topics: %d created, %d already there%s%s%n", specs.size(), created,
                    specs.size() - created, grow.isEmpty() ? "" : ", partitions raised on " + grow.keySet(),
                    offsetsReady ? "" : " (group coordinator not ready yet)");
        } catch (Exception e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            System.err.println("CreateTopics failed against " + bootstrap + ": " + cause);
            System.exit(1);
        }
        // the admin client's threads are closed; exit now rather than wait for any stray non-daemon thread
        System.exit(0);
    }
}
