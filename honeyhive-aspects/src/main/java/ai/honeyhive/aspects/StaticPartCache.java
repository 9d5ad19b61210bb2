package ai.honeyhive.aspects;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.aspectj.lang.JoinPoint;

/**
 * A descriptor per woven join point, worked out once. The entries hang off the woven class itself
 * (through a {@link ClassValue}), not off a static map of ours: under the agent our classes live in
 * the system class loader, and a static map keyed by join points (which reference their class)
 * would pin every redeployed application's class loader for good.
 */
final class StaticPartCache<V> {
  private final ClassValue<ConcurrentHashMap<JoinPoint.StaticPart, V>> byClass = new ClassValue<>() {
    @Override
    protected ConcurrentHashMap<JoinPoint.StaticPart, V> computeValue(Class<?> type) {
      return new ConcurrentHashMap<>();
    }
  };

  /** The descriptor worked out for {@code staticPart} already, or null. */
  V getIfPresent(JoinPoint.StaticPart staticPart) {
    return byClass.get(staticPart.getSignature().getDeclaringType()).get(staticPart);
  }

  V get(JoinPoint.StaticPart staticPart, Function<JoinPoint.StaticPart, V> describe) {
    ConcurrentHashMap<JoinPoint.StaticPart, V> map = byClass.get(staticPart.getSignature().getDeclaringType());
    V v = map.get(staticPart);
    return v != null ? v : map.computeIfAbsent(staticPart, describe);
  }
}
