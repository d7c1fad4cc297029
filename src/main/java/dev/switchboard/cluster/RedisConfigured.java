package dev.switchboard.cluster;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Whether Redis is configured: {@code spring.data.redis.url} or {@code spring.data.redis.host} set (to something not
 * blank). Also the filter that keeps Boot's Redis auto-configuration out when it is not: with the starter on the class
 * path, Boot would otherwise create a connection factory for localhost:6379, its Netty event loops (start-up time and
 * threads) and a {@code redis} health contributor that reports the service down. Registered in
 * {@code META-INF/spring.factories}; it sees every property source, test ones included.
 */
public final class RedisConfigured implements AutoConfigurationImportFilter, EnvironmentAware, Condition {

    private static final String BOOT_REDIS = "org.springframework.boot.data.redis.";

    private @Nullable Environment environment;

    /** Whether this environment names a Redis server. */
    public static boolean in(PropertyResolver properties) {
        return StringUtils.hasText(properties.getProperty("spring.data.redis.url"))
                || StringUtils.hasText(properties.getProperty("spring.data.redis.host"));
    }

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public boolean[] match(@Nullable String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean configured = environment != null && in(environment);
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            String candidate = autoConfigurationClasses[i];
            matches[i] = configured || candidate == null || !candidate.startsWith(BOOT_REDIS);
        }
        return matches;
    }

    /** As a condition: the bean or configuration exists only with Redis configured. */
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return in(context.getEnvironment());
    }

    /** The opposite condition: only without Redis. */
    static final class Absent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !in(context.getEnvironment());
        }
    }
}
