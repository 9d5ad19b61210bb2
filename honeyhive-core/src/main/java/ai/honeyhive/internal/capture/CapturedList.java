package ai.honeyhive.internal.capture;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The snapshot of a captured list, array or other iterable: its elements in one array.
 * Unmodifiable. An {@code ArrayList} and its read-only view cost two objects besides the array,
 * for a list that is only ever written out once. Not public API.
 */
final class CapturedList extends AbstractList<Object> implements RandomAccess {
  private final Object[] elements;
  private final int size;

  /** Takes the array as it is: the caller never changes it afterwards. */
  CapturedList(Object[] elements, int size) {
    this.elements = elements;
    this.size = size;
  }

  @Override
  public Object get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("Index " + index + " out of bounds for length " + size);
    }
    return elements[index];
  }

  @Override
  public int size() {
    return size;
  }
}
