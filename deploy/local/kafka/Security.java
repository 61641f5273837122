// Creates the local broker's SCRAM users and ACLs from the lines of deploy/local/kafka_principals.py
// (read on standard input), idempotently, as the super user `admin`.
//
// Run by stack.sh with the JDK's single-file source launcher and the Kafka jars:
//   python deploy/local/kafka_principals.py acls |
//     java -cp '<tools>/kafka/libs/*' deploy/local/kafka/Security.java 127.0.0.1:9092 <client.properties>
//
// Lines: `user <name>` (a SCRAM-SHA-512 user whose password is the development one,
// `spplus-dev-<name>`) and `allow <principal> <OPERATION> <topic|group> <literal|prefixed> <name>`.
// Users are upserted; ACLs are added (adding an existing ACL changes nothing). Exit 0 on success.

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

public class Security {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: Security <bootstrap> <client.properties> < lines");
            System.exit(2);
        }
        Properties props = new Properties();
        try (var in = Files.newInputStream(Path.of(args[1]))) {
            props.load(in);
        }
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "spplus-security");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "60000");

        List<UserScramCredentialAlteration> users = new ArrayList<>();
        List<AclBinding> acls = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in));
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] t = line.split("\\s+");
            if (t[0].equals("user") && t.length == 2) {
                users.add(new UserScramCredentialUpsertion(
                        t[1], new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), "spplus-dev-" + t[1]));
            } else if (t[0].equals("allow") && t.length == 6) {
                ResourceType type = switch (t[3]) {
                    case "topic" -> ResourceType.TOPIC;
                    case "group" -> ResourceType.GROUP;
                    default -> throw new IllegalArgumentException("line " + lineNo + ": resource " + t[3]);
                };
                PatternType pattern = t[4].equals("prefixed") ? PatternType.PREFIXED : PatternType.LITERAL;
                acls.add(new AclBinding(
                        new ResourcePattern(type, t[5], pattern),
                        new AccessControlEntry("User:" + t[1], "*",
                                AclOperation.valueOf(t[2].toUpperCase(Locale.ROOT)), AclPermissionType.ALLOW)));
            } else {
                throw new IllegalArgumentException("line " + lineNo + ": cannot read " + line);
            }
        }
        try (Admin admin = Admin.create(props)) {
            if (!users.isEmpty()) admin.alterUserScramCredentials(users).all().get(60, TimeUnit.SECONDS);
            if (!acls.isEmpty()) admin.createAcls(acls).all().get(60, TimeUnit.SECONDS);
        }
        System.out.println(users.size() + " users, " + acls.size() + " ACLs");
    }
}
