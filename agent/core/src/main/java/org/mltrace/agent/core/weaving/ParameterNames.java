package org.mltrace.agent.core.weaving;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A method's parameter names as the class file gives them: from MethodParameters ({@code javac
 * -parameters}), else from the LocalVariableTable ({@code -g}); null for a parameter with neither,
 * which the YAML can still name {@code argN}.
 */
public final class ParameterNames {
  private ParameterNames() {}

  public static String[] of(MethodNode m) {
    Type[] args = Type.getArgumentTypes(m.desc);
    List<LocalVariableNode> locals = m.localVariables == null ? List.of() : m.localVariables;
    String[] names = new String[args.length];
    int slot = (m.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
    for (int i = 0; i < args.length; i++) {
      names[i] = nameOf(m, args.length, locals, i, slot);
      slot += args[i].getSize();
    }
    return names;
  }

  private static String nameOf(
      MethodNode m, int count, List<LocalVariableNode> locals, int i, int slot) {
    if (m.parameters != null && m.parameters.size() == count && m.parameters.get(i).name != null) {
      return m.parameters.get(i).name;
    }
    for (LocalVariableNode lv : locals) {
      if (lv.index == slot && !lv.name.equals("this")) {
        return lv.name;
      }
    }
    return null;
  }
}
