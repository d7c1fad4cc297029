package dev.switchboard.telephony.http;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.module.SimpleModule;

/**
 * Makes Jackson build records through a method handle fitted once to take the array of values, rather than
 * {@code MethodHandle.invokeWithArguments} on each record, which Jackson 3 (up to 3.3) does and which adapts the
 * handle anew on every call: a provider's page of numbers builds dozens of records, and that adapting was about a
 * fifth of reading one (bench/RESULTS.md). What is built, and every error, stays Jackson's.
 */
public final class RecordCreators extends SimpleModule {

    public RecordCreators() {
        super("switchboard-record-creators");
    }

    @Override
    public void setupModule(SetupContext context) {
        super.setupModule(context);
        context.addValueInstantiators(new ValueInstantiators() {
            @Override
            public ValueInstantiator findValueInstantiator(DeserializationConfig config,
                    BeanDescription.Supplier bean) {
                return null;
            }

            @Override
            public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
                    BeanDescription.Supplier bean, ValueInstantiator instantiator) {
                if (instantiator.getClass() == StdValueInstantiator.class
                        && bean.getBeanClass().isRecord()
                        && ((StdValueInstantiator) instantiator).getWithArgsCreator()
                                instanceof AnnotatedConstructor constructor) {
                    try {
                        return new Spread((StdValueInstantiator) instantiator, constructor.getAnnotated());
                    } catch (IllegalAccessException | RuntimeException notAccessible) {
                        return instantiator; // Jackson's own way still works, only slower
                    }
                }
                return instantiator;
            }
        });
    }

    private static final class Spread extends StdValueInstantiator {
        private final MethodHandle creator;

        Spread(StdValueInstantiator jackson, Constructor<?> constructor) throws IllegalAccessException {
            super(jackson);
            constructor.setAccessible(true);
            this.creator = MethodHandles.lookup().unreflectConstructor(constructor)
                    .asSpreader(Object[].class, constructor.getParameterCount())
                    .asType(MethodType.methodType(Object.class, Object[].class));
        }

        @Override
        public Object createFromObjectWith(DeserializationContext context, Object[] values) {
            try {
                return (Object) creator.invokeExact(values);
            } catch (Throwable problem) {
                return context.handleInstantiationProblem(_valueClass, values, rewrapCtorProblem(context, problem));
            }
        }
    }
}
