package dev.mpredis.redis;

import dev.mpredis.testkit.RedisExtension;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.AnnotationConsumer;
import org.junit.jupiter.params.support.ParameterDeclarations;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ModifierSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * The arguments of {@link AcrossDeployments}: every (deployment, face) pair, deployments in the
 * order of the class's static {@link RedisExtension} fields, named like {@code "CLUSTER async"};
 * and the interceptor that empties the invocation's deployment right before the test body runs
 * (after the {@code @BeforeEach} methods), so each run starts clean without touching the others.
 */
final class DeploymentMatrix
    implements ArgumentsProvider, AnnotationConsumer<AcrossDeployments>, InvocationInterceptor {

  private Face[] faces = Face.values();

  @Override
  public void accept(AcrossDeployments annotation) {
    faces = annotation.faces();
  }

  @Override
  public Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context) {
    List<Arguments> matrix = new ArrayList<>();
    for (RedisExtension extension : extensions(context.getRequiredTestClass())) {
      for (Face face : faces) {
        matrix.add(
            Arguments.argumentSet(extension.kind() + " " + face, new Deployment(extension), face));
      }
    }
    return matrix.stream();
  }

  private static List<RedisExtension> extensions(Class<?> testClass) {
    List<Field> fields =
        ReflectionSupport.findFields(
            testClass,
            f -> ModifierSupport.isStatic(f) && f.getType() == RedisExtension.class,
            HierarchyTraversalMode.TOP_DOWN);
    if (fields.isEmpty()) {
      throw new ExtensionConfigurationException(
          testClass.getName() + " uses @AcrossDeployments but has no static RedisExtension field");
    }
    List<RedisExtension> extensions = new ArrayList<>();
    for (Field field : fields) {
      extensions.add(
          (RedisExtension)
              ReflectionSupport.tryToReadFieldValue(field, null)
                  .getOrThrow(e -> new ExtensionConfigurationException("cannot read " + field, e)));
    }
    extensions.sort(java.util.Comparator.comparing(RedisExtension::kind));
    return extensions;
  }

  @Override
  public void interceptTestTemplateMethod(
      Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext,
      ExtensionContext extensionContext)
      throws Throwable {
    for (Object argument : invocationContext.getArguments()) {
      if (argument instanceof Deployment deployment) {
        deployment.flushAll();
      }
    }
    invocation.proceed();
  }
}
