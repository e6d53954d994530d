package dev.lanes.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Finds the {@link LanesListener} methods of every bean as it is initialized, and keeps them for
 * {@link LanesListeners}, which builds their consumers once every singleton exists. It only collects:
 * a post-processor that needed other beans would have them created too early.
 */
class LanesListenerAnnotationProcessor implements BeanPostProcessor {
    private final List<ListenerMethod> methods = new ArrayList<>();

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        Map<Method, LanesListener> annotated = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<LanesListener>) method ->
                        AnnotatedElementUtils.findMergedAnnotation(method, LanesListener.class));
        annotated.forEach((method, annotation) -> {
            Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
            synchronized (methods) {
                methods.add(new ListenerMethod(beanName, bean, invocable, annotation));
            }
        });
        return bean;
    }

    /** The methods found so far, in the order their beans were initialized. */
    List<ListenerMethod> methods() {
        synchronized (methods) {
            return List.copyOf(methods);
        }
    }
}
