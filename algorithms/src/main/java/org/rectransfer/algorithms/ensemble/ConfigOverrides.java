package org.rectransfer.algorithms.ensemble;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Overrides one parameter of a component's config record without knowing its type: the record
 * is rebuilt through its canonical constructor (so the component's own validation runs) with
 * every other component copied from the original.
 */
final class ConfigOverrides {
    private ConfigOverrides() {
    }

    /**
     * {@code config} with its {@code int factors} component set to {@code factors}; {@code config}
     * itself when {@code factors == 0} or the record has no {@code int factors} component.
     *
     * @throws IllegalArgumentException when the component's validation rejects the value
     */
    @SuppressWarnings("unchecked")
    static <R extends Record> R withFactors(R config, int factors) {
        if (factors == 0) {
            return config;
        }
        RecordComponent[] parts = config.getClass().getRecordComponents();
        int target = -1;
        for (int k = 0; k < parts.length; k++) {
            if (parts[k].getName().equals("factors") && parts[k].getType() == int.class) {
                target = k;
            }
        }
        if (target < 0) {
            return config;
        }
        Class<?>[] types = new Class<?>[parts.length];
        Object[] args = new Object[parts.length];
        try {
            for (int k = 0; k < parts.length; k++) {
                types[k] = parts[k].getType();
                var accessor = parts[k].getAccessor();
                accessor.setAccessible(true);
                args[k] = accessor.invoke(config);
            }
            args[target] = factors;
            Constructor<?> canonical = config.getClass().getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return (R) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("cannot rebuild " + config.getClass().getName(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot rebuild " + config.getClass().getName() + " with factors "
                    + factors, e);
        }
    }
}
