package dev.switchboard.support;

import dev.switchboard.SwitchboardApplication;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several Switchboard instances in this JVM, each a Spring application context of its own on its own port, sharing
 * one embedded database (one H2 file, which the contexts of one JVM share), one secret key and one Redis, as several
 * instances behind a load balancer would share PostgreSQL and Redis. Closes them all.
 */
public final class Instances implements AutoCloseable {

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

    /**
     * Starts {@code count} instances with these properties (on top of the shared database, key, admin token and
     * {@code redisUrl}, which may be null for none).
     */
    public static Instances start(int count, String redisUrl, String keyPrefix, Map<String, String> properties) {
        Path data = TempDirs.dataDirDeletedOnExit("switchboard-instances");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, Object> shared = new LinkedHashMap<>();
        shared.put("server.port", "0");
        shared.put("switchboard.data-dir", data.toString());
        shared.put("switchboard.secret-key", Base64.getEncoder().encodeToString(key));
        shared.put("switchboard.admin-token", ApiClient.ADMIN_TOKEN);
        if (redisUrl != null) {
            shared.put("spring.data.redis.url", redisUrl);
            shared.put("switchboard.redis.key-prefix", keyPrefix);
        }
        shared.putAll(properties);
        // as command-line arguments, which override application.yaml (default properties would not)
        String[] args = shared.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        Instances instances = new Instances();
        try {
            for (int i = 0; i < count; i++) {
                instances.contexts.add(new SpringApplicationBuilder(SwitchboardApplication.class).run(args));
            }
        } catch (RuntimeException e) {
            instances.close();
            throw e;
        }
        return instances;
    }

    /** Instance {@code i}'s port. */
    public int port(int i) {
        return Integer.parseInt(contexts.get(i).getEnvironment().getRequiredProperty("local.server.port"));
    }

    /** A client of instance {@code i}. */
    public ApiClient api(int i) {
        return new ApiClient(port(i));
    }

    public ConfigurableApplicationContext context(int i) {
        return contexts.get(i);
    }

    public int count() {
        return contexts.size();
    }

    @Override
    public void close() {
        for (ConfigurableApplicationContext context : contexts) {
            context.close();
        }
        contexts.clear();
    }
}
