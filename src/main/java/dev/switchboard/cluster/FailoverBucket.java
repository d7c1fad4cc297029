package dev.switchboard.cluster;

import io.github.bucket4j.BlockingBucket;
import io.github.bucket4j.Bucket;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket in Redis that falls back to this instance's own bucket, call by call: while Redis answers, every
 * call goes to the shared bucket; when it fails (or an outage is known), the same call is made on the local one, so
 * a budget is never refused or granted by an error. {@code asBlocking()} falls back the same way. Built as a proxy
 * of Bucket4j's interfaces, so every method of them is covered without being written out.
 */
final class FailoverBucket implements InvocationHandler {

    private final Supplier<?> remote;
    private final Object local;
    private final RedisState redis;
    private volatile @Nullable Object remoteTarget;

    private FailoverBucket(Supplier<?> remote, Object local, RedisState redis) {
        this.remote = remote;
        this.local = local;
        this.redis = redis;
    }

    static Bucket of(Supplier<? extends Bucket> remote, Bucket local, RedisState redis) {
        return (Bucket) Proxy.newProxyInstance(Bucket.class.getClassLoader(), new Class<?>[] {Bucket.class},
                new FailoverBucket(remote, local, redis));
    }

    @Override
    public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> args != null && proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "FailoverBucket[" + local + "]";
            };
        }
        if (method.getName().equals("asBlocking") && method.getParameterCount() == 0) {
            Bucket localBucket = (Bucket) local;
            FailoverBucket blocking = new FailoverBucket(() -> ((Bucket) target()).asBlocking(),
                    localBucket.asBlocking(), redis);
            return Proxy.newProxyInstance(BlockingBucket.class.getClassLoader(),
                    new Class<?>[] {BlockingBucket.class}, blocking);
        }
        if (redis.available()) {
            try {
                return redis.run(() -> invokeOn(target(), method, args));
            } catch (SharedState.Unavailable fallBack) {
                // Redis failed this call: the local bucket answers it
            }
        }
        return call(local, method, args);
    }

    private Object target() {
        Object target = remoteTarget;
        if (target == null) {
            target = remote.get();
            remoteTarget = target;
        }
        return target;
    }

    /** The call on the remote bucket; what it throws unchecked goes to {@link RedisState#run} as Redis failing. */
    private static @Nullable Object invokeOn(Object target, Method method, @Nullable Object[] args) {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static @Nullable Object call(Object target, Method method, @Nullable Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
