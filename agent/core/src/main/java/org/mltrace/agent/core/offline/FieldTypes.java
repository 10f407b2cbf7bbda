package org.mltrace.agent.core.offline;

import java.util.ArrayList;
import java.util.List;
import org.mltrace.agent.core.spelling.Suggestions;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;

/**
 * Follows a field path ({@code this.model.weights}) through the declared field types found on the
 * class path. At run time the agent reads the fields from the object's actual class, which may be a
 * subclass, so a field not found here is a warning, not an error.
 */
final class FieldTypes {
  /**
   * The declared type at the end of the path, or null with {@code problem} saying where it stopped.
   */
  record Resolved(Type type, String problem) {}

  private final ClassPathIndex index;

  FieldTypes(ClassPathIndex index) {
    this.index = index;
  }

  Resolved follow(Type root, String[] fields) {
    Type type = root;
    for (String field : fields) {
      if (type.getSort() != Type.OBJECT) {
        return new Resolved(
            null, "'" + field + "' follows " + type.getClassName() + ", which has no fields");
      }
      FieldNode found = null;
      List<String> names = new ArrayList<>();
      String owner = type.getInternalName();
      while (owner != null && found == null) {
        ClassNode node = index.node(owner);
        if (node == null) {
          return new Resolved(
              null,
              type.getClassName()
                  + " is not on the class path; '"
                  + field
                  + "' is read from the run-time object");
        }
        for (FieldNode f : node.fields) {
          names.add(f.name);
          if (f.name.equals(field)) {
            found = f;
          }
        }
        owner =
            node.superName == null || node.superName.equals("java/lang/Object")
                ? null
                : node.superName;
      }
      if (found == null) {
        List<String> near = Suggestions.nearest(field, names, 3);
        return new Resolved(
            null,
            type.getClassName()
                + " declares no field '"
                + field
                + "'"
                + (near.isEmpty() ? "" : "; nearest: " + String.join(", ", near))
                + " (a subclass's object may still have it at run time)");
      }
      type = Type.getType(found.desc);
    }
    return new Resolved(type, null);
  }
}
