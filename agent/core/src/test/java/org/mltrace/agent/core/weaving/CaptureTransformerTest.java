package org.mltrace.agent.core.weaving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mltrace.agent.core.weaving.WovenClasses.FIXTURES;
import static org.mltrace.agent.core.weaving.WovenClasses.component;
import static org.mltrace.agent.core.weaving.WovenClasses.yaml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mltrace.agent.bootstrap.CaptureBridge;
import org.mltrace.agent.bootstrap.CaptureHooks;
import org.mltrace.agent.core.capture.CodeVersions;
import org.mltrace.agent.core.capture.CompletedRun;
import org.mltrace.agent.core.capture.MethodPlan;
import org.mltrace.agent.core.capture.ObjectIds;
import org.mltrace.agent.core.capture.PlannedVariable;
import org.mltrace.agent.core.capture.RunRecorder;
import org.mltrace.agent.core.capture.ValueEncoder;
import org.mltrace.agent.core.config.ConfigLoader;
import org.mltrace.agent.event.CapturedValue;
import org.mltrace.agent.event.ValueKind;
import org.mltrace.fixtures.weaving.Batch;
import org.mltrace.fixtures.weaving.Labeled;
import org.mltrace.fixtures.weaving.Model;
import org.mltrace.fixtures.weaving.Pipeline;
import org.mltrace.fixtures.weaving.Untouched;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;

class CaptureTransformerTest {
  private static final Object ABSENT = CaptureBridge.ABSENT;

  private Recording hooks;
  private WovenClasses w;

  @BeforeEach
  void installHooks() {
    hooks = new Recording();
    CaptureBridge.install(hooks);
  }

  @AfterEach
  void removeHooks() {
    CaptureBridge.install(null);
  }

  // --- inputs at entry, locals at exit

  @Test
  void parameterInputIsReadAtEntryAndAsAnOutputAtExit() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component(
                    "scale", "#scale(int, java.lang.String)", "factor, label", "return, factor")),
            Pipeline.class);
    assertEquals(33, w.call(Pipeline.class, "scale", 3, "abc"));
    Call c = hooks.only();
    assertEquals(3, input(c, "factor"), "input read before the body reassigns it");
    assertEquals("abc", input(c, "label"));
    assertEquals(30, output(c, "factor"), "output read at exit");
    assertEquals(33, output(c, "return"));
  }

  @Test
  void aCallThatIsOnlyCountedGetsNoValuesAtEntryOrExitAndBehavesTheSame() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component(
                    "scale", "#scale(int, java.lang.String)", "factor, label", "return, factor")),
            Pipeline.class);
    hooks.countOnly = true;
    assertEquals(33, w.call(Pipeline.class, "scale", 3, "abc"));
    Call c = hooks.only();
    assertNull(c.entry, "no entry call, so no array and no boxing");
    assertEquals(1, c.exits.size(), "the exit still reaches the hooks (it releases the component)");
    assertNull(c.exits.get(0), "without values");
  }

  @Test
  void localsAreReadWithTheirValueAtExit() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("clean", "#clean(java.lang.String)", "raw, trimmed", "result, return")),
            Pipeline.class);
    assertEquals("ABC", w.call(Pipeline.class, "clean", "  abc "));
    Call c = hooks.only();
    assertEquals("  abc ", input(c, "raw"));
    assertEquals(
        "changed", input(c, "trimmed"), "a local input is read at exit, after the reassignment");
    assertEquals("ABC", output(c, "result"));
    assertEquals("ABC", output(c, "return"));
  }

  @Test
  void aLocalOfABranchThatDidNotRunIsAbsentNeverTheValueInItsSlot() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("b", "#branchy(boolean)", "", "inner, other, return")), Pipeline.class);
    assertEquals(42, w.call(Pipeline.class, "branchy", true));
    assertEquals(7, w.call(Pipeline.class, "branchy", false));
    Call taken = hooks.calls.get(0);
    assertEquals(41, output(taken, "inner"));
    assertSame(ABSENT, output(taken, "other"));
    Call notTaken = hooks.calls.get(1);
    assertSame(ABSENT, output(notTaken, "inner"), "inner's slot holds other's 7 here");
    assertEquals(7, output(notTaken, "other"));
  }

  @Test
  void aNameDeclaredTwiceResolvesToTheOneLiveAtThatExit() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component("two", "#twoScopes(boolean)", "", "name"),
                component("types", "#sameSlotTwoTypes(boolean)", "", "v")),
            Pipeline.class);
    assertEquals("alpha", w.call(Pipeline.class, "twoScopes", true));
    assertEquals("beta5", w.call(Pipeline.class, "twoScopes", false));
    assertEquals(4, w.call(Pipeline.class, "sameSlotTwoTypes", true));
    assertEquals(9, w.call(Pipeline.class, "sameSlotTwoTypes", false));
    assertEquals("alpha", output(hooks.calls.get(0), "name"));
    assertEquals("beta5", output(hooks.calls.get(1), "name"));
    assertEquals("text", output(hooks.calls.get(2), "v"));
    assertEquals(9, output(hooks.calls.get(3), "v"));
  }

  @Test
  void aLocalVariableTableThatLiesAboutASlotGivesAbsentNotAVerifyError() throws Throwable {
    // Other compilers write imprecise tables; here one claims slot 1 holds a String throughout.
    ClassNode node = new ClassNode();
    new ClassReader(WovenClasses.classBytes(Pipeline.class)).accept(node, 0);
    MethodNode branchy =
        node.methods.stream().filter(m -> m.name.equals("branchy")).findFirst().orElseThrow();
    LabelNode first = new LabelNode();
    LabelNode last = new LabelNode();
    branchy.instructions.insert(first);
    branchy.instructions.add(last);
    branchy.localVariables.add(
        new LocalVariableNode("liar", "Ljava/lang/String;", null, first, last, 1));
    ClassWriter writer = new ClassWriter(0);
    node.accept(writer);

    w =
        WovenClasses.weave(
            yaml(component("b", "#branchy(boolean)", "", "liar, inner, other")),
            Pipeline.class,
            writer.toByteArray());
    assertEquals(42, w.call(Pipeline.class, "branchy", true));
    assertEquals(7, w.call(Pipeline.class, "branchy", false));
    assertSame(ABSENT, output(hooks.calls.get(0), "liar"));
    assertEquals(41, output(hooks.calls.get(0), "inner"));
    assertSame(ABSENT, output(hooks.calls.get(1), "liar"));
    assertEquals(7, output(hooks.calls.get(1), "other"));
  }

  @Test
  void aLoopVariableIsLiveInsideTheLoopOnly() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("f", "#firstLong(java.lang.String[])", "words", "w, return")),
            Pipeline.class);
    String[] words = {"a", "bb", "cccc"};
    assertEquals("cccc", w.call(Pipeline.class, "firstLong", (Object) words));
    assertNull(w.call(Pipeline.class, "firstLong", (Object) new String[] {"a"}));
    Call found = hooks.calls.get(0);
    assertSame(words, input(found, "words"));
    assertEquals("cccc", output(found, "w"));
    Call none = hooks.calls.get(1);
    assertSame(ABSENT, output(none, "w"));
    assertNull(output(none, "return"));
  }

  @Test
  void wideParametersAreReadFromTheRightSlotsByNameAndByArgN() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("mix", "#mix(long, double, int)", "a, b, c, arg2, arg0", "return")),
            Pipeline.class);
    assertEquals(10.5, w.call(Pipeline.class, "mix", 4L, 2.5, 4));
    Call c = hooks.only();
    assertEquals(4L, input(c, "a"));
    assertEquals(2.5, input(c, "b"));
    assertEquals(4, input(c, "c"));
    assertEquals(4, input(c, "arg2"));
    assertEquals(4L, input(c, "arg0"));
    assertEquals(10.5, output(c, "return"));
  }

  // --- return values

  @Test
  void returnValuesOfEveryKindAreBoxedRight() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("results", "#*Result(..)", "", "return")), Pipeline.class);
    assertEquals(8, w.call(Pipeline.class, "intResult", 7));
    assertEquals(3L << 40, w.call(Pipeline.class, "longResult", 1L << 40));
    assertEquals(0.625, w.call(Pipeline.class, "doubleResult", 2.5));
    assertEquals(3.0f, w.call(Pipeline.class, "floatResult", 1.5f));
    assertEquals(true, w.call(Pipeline.class, "booleanResult", 5));
    assertEquals('q', w.call(Pipeline.class, "charResult", "quant"));
    assertEquals((short) -1, w.call(Pipeline.class, "shortResult", 65535));
    assertEquals((byte) 1, w.call(Pipeline.class, "byteResult", 257));
    int[] array = (int[]) w.call(Pipeline.class, "arrayResult", 3);
    List<String> sink = new ArrayList<>();
    assertNull(w.call(Pipeline.class, "voidResult", sink));
    assertEquals(List.of("done"), sink);

    assertEquals(10, hooks.calls.size());
    assertEquals(Integer.valueOf(8), output(hooks.calls.get(0), "return"));
    assertEquals(Long.valueOf(3L << 40), output(hooks.calls.get(1), "return"));
    assertEquals(Double.valueOf(0.625), output(hooks.calls.get(2), "return"));
    assertEquals(Float.valueOf(3.0f), output(hooks.calls.get(3), "return"));
    assertEquals(Boolean.TRUE, output(hooks.calls.get(4), "return"));
    assertEquals(Character.valueOf('q'), output(hooks.calls.get(5), "return"));
    assertEquals(Short.valueOf((short) -1), output(hooks.calls.get(6), "return"));
    assertEquals(Byte.valueOf((byte) 1), output(hooks.calls.get(7), "return"));
    assertSame(array, output(hooks.calls.get(8), "return"));
    assertSame(ABSENT, output(hooks.calls.get(9), "return"), "void has no return value");
  }

  @Test
  void framesNeedingACommonSuperclassAreComputed() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("pick", "#pick(boolean)", "array", "chosen, return")), Pipeline.class);
    assertEquals(ArrayList.class, w.call(Pipeline.class, "pick", true).getClass());
    assertEquals(LinkedList.class, w.call(Pipeline.class, "pick", false).getClass());
    assertSame(output(hooks.calls.get(1), "chosen"), output(hooks.calls.get(1), "return"));
  }

  // --- exceptions

  @Test
  void aThrownExceptionReachesFailAndTheCallerUnchanged() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("boom", "#explode(java.lang.String)", "message", "return")),
            Pipeline.class);
    IOException thrown =
        assertThrows(IOException.class, () -> w.call(Pipeline.class, "explode", "disk gone"));
    assertSame(
        w.staticField(Pipeline.class, "lastThrown"),
        thrown,
        "the caller sees the very instance thrown");
    assertEquals("disk gone", thrown.getMessage());
    Call c = hooks.only();
    assertEquals(List.of(thrown), c.failures);
    assertEquals(0, c.exits.size());
    assertEquals("disk gone", input(c, "message"));
  }

  @Test
  void anExceptionFromTheJvmIsPassedThroughToo() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("len", "#length(java.lang.String)", "s", "return")), Pipeline.class);
    NullPointerException npe =
        assertThrows(
            NullPointerException.class, () -> w.call(Pipeline.class, "length", (Object) null));
    assertSame(npe, hooks.only().failures.get(0));
    assertEquals(1, hooks.only().failures.size());
  }

  @Test
  void theMethodsOwnTryCatchFinallyStillBehave() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component("guarded", "#guarded(int)", "n", "return, attempts"),
                component("parse", "#parse(java.lang.String)", "s", "return")),
            Pipeline.class);
    assertEquals(6, w.call(Pipeline.class, "guarded", 3));
    assertEquals(-1, w.call(Pipeline.class, "guarded", -1));
    assertEquals(12, w.call(Pipeline.class, "parse", "12"));
    NumberFormatException nfe =
        assertThrows(NumberFormatException.class, () -> w.call(Pipeline.class, "parse", "x"));
    assertEquals(
        List.of("finally 3", "finally -1", "finally 12", "finally x"),
        w.staticField(Pipeline.class, "LOG"));

    Call ok = hooks.calls.get(0);
    assertEquals(1, ok.exits.size());
    assertEquals(0, ok.failures.size());
    assertEquals(6, output(ok, "return"));
    assertEquals(1, output(ok, "attempts"));
    Call caught = hooks.calls.get(1);
    assertEquals(1, caught.exits.size());
    assertEquals(0, caught.failures.size(), "an exception the method catches itself is no failure");
    assertEquals(-1, output(caught, "return"));
    assertEquals(11, output(caught, "attempts"));
    Call parsed = hooks.calls.get(2);
    assertEquals(12, output(parsed, "return"));
    Call failed = hooks.calls.get(3);
    assertEquals(0, failed.exits.size());
    assertEquals(List.of(nfe), failed.failures);
  }

  @Test
  void hooksThatThrowChangeNothingForTheApplication() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component("scale", "#scale(int, java.lang.String)", "factor", "return"),
                component("boom", "#explode(java.lang.String)", "message", "")),
            Pipeline.class);
    CaptureBridge.install(
        new CaptureHooks() {
          @Override
          public Object enter(int methodId) {
            return "token";
          }

          @Override
          public boolean recording(Object token) {
            return true;
          }

          @Override
          public void entry(Object token, Object[] entryValues) {
            throw new IllegalStateException("hook bug in entry");
          }

          @Override
          public void exit(Object token, Object[] exitValues) {
            throw new IllegalStateException("hook bug in exit");
          }

          @Override
          public void fail(Object token, Throwable error) {
            throw new OutOfMemoryError("hook bug in fail");
          }
        });
    long before = CaptureBridge.failures();
    assertEquals(33, w.call(Pipeline.class, "scale", 3, "abc"));
    IOException e = assertThrows(IOException.class, () -> w.call(Pipeline.class, "explode", "x"));
    assertSame(w.staticField(Pipeline.class, "lastThrown"), e);
    assertEquals(
        before + 4, CaptureBridge.failures(), "entry and exit of scale, entry and fail of explode");

    CaptureBridge.install(
        new CaptureHooks() {
          @Override
          public Object enter(int methodId) {
            throw new IllegalStateException("hook bug in enter");
          }

          @Override
          public boolean recording(Object token) {
            throw new IllegalStateException("hook bug in recording");
          }

          @Override
          public void entry(Object token, Object[] entryValues) {}

          @Override
          public void exit(Object token, Object[] exitValues) {}

          @Override
          public void fail(Object token, Throwable error) {}
        });
    assertEquals(33, w.call(Pipeline.class, "scale", 3, "abc"));
    assertEquals(before + 5, CaptureBridge.failures());
  }

  // --- constructors and this

  @Test
  void aConstructorReportsTheConstructedObjectAsThis() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component(
                    "model",
                    FIXTURES + "Model#<init>(java.lang.String, int)",
                    "name, size",
                    "this")),
            Model.class);
    Object model = w.construct(Model.class, new Class<?>[] {String.class, int.class}, "tips", 3);
    Call c = hooks.only();
    assertSame(model, output(c, "this"));
    assertEquals("tips", input(c, "name"));
    assertEquals(3, input(c, "size"));
    assertEquals(1, c.exits.size());
  }

  @Test
  void aConstructorThatThrowsAfterSuperReportsTheFailure() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component(
                    "model", FIXTURES + "Model#<init>(java.lang.String, int)", "name", "this")),
            Model.class);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> w.construct(Model.class, new Class<?>[] {String.class, int.class}, "tips", -1));
    assertSame(w.staticField(Model.class, "lastThrown"), e);
    assertEquals(List.of(e), hooks.only().failures);
    assertEquals(0, hooks.only().exits.size());
  }

  @Test
  void delegatingConstructorsAreEachARun() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("model", FIXTURES + "Model#<init>(..)", "", "this")), Model.class);
    Object model = w.construct(Model.class, new Class<?>[] {String.class}, "tips");
    assertEquals(2, hooks.calls.size());
    for (Call c : hooks.calls) {
      assertSame(model, output(c, "this"));
      assertEquals(1, c.exits.size());
    }
  }

  @Test
  void aConstructorThatBuildsAnObjectBeforeSuperIsWoven() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(
                component(
                    "batch", FIXTURES + "Batch#<init>(java.util.Collection)", "rows", "this")),
            Batch.class);
    List<String> rows = List.of("a", "b");
    Object batch = w.construct(Batch.class, new Class<?>[] {java.util.Collection.class}, rows);
    assertEquals(rows, batch);
    assertSame(rows, input(hooks.only(), "rows"));
    assertSame(batch, output(hooks.only(), "this"));
  }

  @Test
  void aConstructorThatBranchesBeforeSuperStillRecordsItsExit() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("labeled", FIXTURES + "Labeled#<init>(boolean)", "upper", "this")),
            Labeled.class);
    Object labeled = w.construct(Labeled.class, new Class<?>[] {boolean.class}, true);
    assertEquals("A", ((Model) labeled).name());
    assertEquals(true, input(hooks.only(), "upper"));
    assertSame(labeled, output(hooks.only(), "this"));
  }

  @Test
  void thisInAStaticMethodIsAProblemAndAbsent() throws Throwable {
    String yaml = yaml(component("scale", "#scale(int, java.lang.String)", "this", "this"));
    CapturePlan plan = plan(yaml, Pipeline.class, "scale");
    assertEquals(
        List.of(
            "'this' does not exist in a static method", "'this' does not exist in a static method"),
        plan.problems());

    w = WovenClasses.weave(yaml, Pipeline.class);
    w.call(Pipeline.class, "scale", 1, "x");
    assertSame(ABSENT, input(hooks.only(), "this"));
    assertSame(ABSENT, output(hooks.only(), "this"));
  }

  @Test
  void captureNoneLeavesTheVariableOutAndOptionsReachThePlan() throws Exception {
    String yaml =
        yaml(
            component(
                "scale",
                "#scale(int, java.lang.String)",
                "{name: factor, capture: none}, {name: label, redact: true, max_length: 2}",
                "{name: return, type: metric}"));
    CapturePlan plan = plan(yaml, Pipeline.class, "scale");
    assertEquals(List.of(), plan.problems());
    assertEquals(
        List.of("label", "return"), plan.variables().stream().map(PlannedVariable::name).toList());
    assertTrue(plan.variables().get(0).options().redact());
    assertEquals(2, plan.variables().get(0).options().maxStringLength());
    assertEquals("metric", plan.variables().get(1).options().type());
    assertEquals(1, plan.entry().size(), "factor is not even read");
  }

  @Test
  void thisAsAConstructorInputIsAProblem() throws Exception {
    CapturePlan plan =
        plan(
            yaml(component("model", FIXTURES + "Model#<init>(java.lang.String, int)", "this", "")),
            Model.class,
            "<init>");
    assertEquals(1, plan.problems().size());
    assertTrue(plan.problems().get(0).contains("list it under outputs"), plan.problems().get(0));
  }

  @Test
  void anUnknownNameIsAProblemListingTheNearestNamesAndIsAbsent() throws Throwable {
    String yaml = yaml(component("clean", "#clean(java.lang.String)", "rwa", "reslt, return"));
    CapturePlan plan = plan(yaml, Pipeline.class, "clean");
    assertEquals(2, plan.problems().size(), plan.problems().toString());
    String input = plan.problems().get(0);
    assertTrue(input.startsWith("no parameter or local named 'rwa'; nearest: raw"), input);
    String output = plan.problems().get(1);
    assertTrue(output.startsWith("no parameter or local named 'reslt'; nearest: result"), output);
    assertTrue(output.contains("available: raw, trimmed, result, return"), output);

    w = WovenClasses.weave(yaml, Pipeline.class);
    assertEquals("X", w.call(Pipeline.class, "clean", "x"));
    assertSame(ABSENT, input(hooks.only(), "rwa"));
    assertSame(ABSENT, output(hooks.only(), "reslt"));
    assertEquals("X", output(hooks.only(), "return"));
  }

  @Test
  void returnOfAVoidMethodIsAProblem() throws Exception {
    CapturePlan plan =
        plan(
            yaml(component("v", "#voidResult(java.util.List)", "", "return")),
            Pipeline.class,
            "voidResult");
    assertEquals(List.of("'return' names no value: the method returns void"), plan.problems());
  }

  // --- what is left alone, and what is registered

  @Test
  void aClassWithNoConfiguredMethodIsNotRewritten() throws Exception {
    w =
        WovenClasses.weave(
            yaml(component("scale", "#scale(int, java.lang.String)", "", "return")),
            Untouched.class);
    assertNull(w.woven(Untouched.class));
    w =
        WovenClasses.weave(
            yaml(component("none", FIXTURES + "Untouched#nosuch(..)", "", "")), Untouched.class);
    assertNull(w.woven(Untouched.class), "a candidate class none of whose methods match");
    assertNull(w.registry.get(0));
  }

  @Test
  void methodsThatAreNotConfiguredKeepTheirCode() throws Throwable {
    w =
        WovenClasses.weave(
            yaml(component("scale", "#scale(int, java.lang.String)", "", "return")),
            Pipeline.class);
    ClassNode before = node(w.original(Pipeline.class));
    ClassNode after = node(w.woven(Pipeline.class));
    int compared = 0;
    for (MethodNode m : before.methods) {
      MethodNode woven =
          after.methods.stream()
              .filter(a -> a.name.equals(m.name) && a.desc.equals(m.desc))
              .findFirst()
              .orElseThrow();
      if (m.name.equals("scale")) {
        assertTrue(
            Instructions.render(woven)
                .contains(" org/mltrace/agent/bootstrap/CaptureBridge.enter("));
        continue;
      }
      assertEquals(Instructions.render(m), Instructions.render(woven), m.name + m.desc);
      assertEquals(m.maxLocals, woven.maxLocals, m.name + m.desc);
      compared++;
    }
    assertTrue(compared > 20, "compared " + compared);
    assertEquals(before.methods.size(), after.methods.size());
    assertEquals(6, w.call(Pipeline.class, "untouched", 3));
    assertEquals(0, hooks.calls.size());
  }

  @Test
  void theRegisteredPlanNamesComponentMethodAndVariablesInYamlOrder() throws Exception {
    w =
        WovenClasses.weave(
            yaml(
                component("clean", "#clean(java.lang.String)", "trimmed, raw", "return, result"),
                component("scale", "#scale(int, java.lang.String)", "label", "factor")),
            Pipeline.class);
    List<MethodPlan> plans = new ArrayList<>();
    for (int id = 0; w.registry.get(id) != null; id++) {
      plans.add(w.registry.get(id));
    }
    assertEquals(2, plans.size());
    MethodPlan clean =
        plans.stream().filter(p -> p.component().equals("clean")).findFirst().orElseThrow();
    assertEquals(FIXTURES + "Pipeline#clean(Ljava/lang/String;)Ljava/lang/String;", clean.method());
    assertEquals(CodeVersions.sha256(w.original(Pipeline.class)), clean.codeVersion());
    assertEquals(
        List.of(
            new PlannedVariable("trimmed", true, false, 0),
            new PlannedVariable("raw", true, true, 0),
            new PlannedVariable("return", false, false, 1),
            new PlannedVariable("result", false, false, 2)),
        clean.variables());
    MethodPlan scale =
        plans.stream().filter(p -> p.component().equals("scale")).findFirst().orElseThrow();
    assertEquals(FIXTURES + "Pipeline#scale(ILjava/lang/String;)I", scale.method());
    assertEquals(
        List.of(
            new PlannedVariable("label", true, true, 0),
            new PlannedVariable("factor", false, false, 0)),
        scale.variables());
  }

  @Test
  void everyMethodOfTheFixtureCanBeWovenAtOnceAndStillVerifies() throws Throwable {
    w = WovenClasses.weave(yaml(component("all", "#*(..)", "arg0", "return")), Pipeline.class);
    assertEquals(33, w.call(Pipeline.class, "scale", 3, "abc"));
    assertEquals(6, w.call(Pipeline.class, "untouched", 3));
    assertEquals(-1, w.call(Pipeline.class, "guarded", -5));
    assertEquals(3, hooks.calls.size());
    assertEquals(-5, input(hooks.calls.get(2), "arg0"));
  }

  // --- end to end through the real hooks

  @Test
  void runRecorderTurnsWovenCallsIntoCompletedRuns() throws Throwable {
    List<CompletedRun> runs = new ArrayList<>();
    w =
        WovenClasses.weave(
            yaml(
                component("scale", "#scale(int, java.lang.String)", "factor, label", "return"),
                component("boom", "#explode(java.lang.String)", "message", "return")),
            Pipeline.class);
    CaptureBridge.install(
        new RunRecorder(w.registry, new ValueEncoder("agent7", new ObjectIds(), 256), runs::add));

    assertEquals(33, w.call(Pipeline.class, "scale", 3, "abc"));
    assertThrows(IOException.class, () -> w.call(Pipeline.class, "explode", "disk gone"));

    assertEquals(2, runs.size());
    CompletedRun ok = runs.get(0);
    assertEquals("scale", ok.plan().component());
    assertEquals(1, ok.sequence());
    assertEquals(Thread.currentThread().getName(), ok.thread());
    assertTrue(!ok.failed() && ok.errorClass() == null && ok.errorMessage() == null);
    assertTrue(ok.endEpochMicros() >= ok.startEpochMicros());
    assertEquals(
        List.of(
            new CapturedValue("factor", ValueKind.LONG, "3", null, "java.lang.Integer", -1),
            new CapturedValue("label", ValueKind.STRING, "abc", null, "java.lang.String", 3)),
        ok.inputs());
    assertEquals(
        List.of(new CapturedValue("return", ValueKind.LONG, "33", null, "java.lang.Integer", -1)),
        ok.outputs());

    CompletedRun failed = runs.get(1);
    assertEquals("boom", failed.plan().component());
    assertEquals(2, failed.sequence());
    assertTrue(failed.failed());
    assertEquals("java.io.IOException", failed.errorClass());
    assertEquals("disk gone", failed.errorMessage());
    assertEquals(
        List.of(
            new CapturedValue(
                "message", ValueKind.STRING, "disk gone", null, "java.lang.String", 9)),
        failed.inputs());
    assertEquals(List.of(CapturedValue.absent("return")), failed.outputs());
  }

  @Test
  void fieldPathsOfThisAreReadAfterTheConstructorThroughTheRealHooks() throws Throwable {
    List<CompletedRun> runs = new ArrayList<>();
    w =
        WovenClasses.weave(
            yaml(
                component(
                    "model",
                    FIXTURES + "Model#<init>(java.lang.String, int)",
                    "nme.x",
                    "this.name, this.size")),
            Model.class);
    CaptureBridge.install(
        new RunRecorder(w.registry, new ValueEncoder("agent7", new ObjectIds(), 256), runs::add));

    w.construct(Model.class, new Class<?>[] {String.class, int.class}, "tips", 3);

    CompletedRun run = runs.get(0);
    assertEquals(
        List.of(CapturedValue.absent("nme.x")),
        run.inputs(),
        "an unknown first segment is absent, reported at weaving");
    assertEquals(
        List.of(
            new CapturedValue("this.name", ValueKind.STRING, "tips", null, "java.lang.String", 4),
            new CapturedValue("this.size", ValueKind.LONG, "3", null, "java.lang.Integer", -1)),
        run.outputs());
  }

  @Test
  void aMisspeltFieldOfThisIsReportedAtWeavingWithTheNearestFieldNames() throws Exception {
    String yaml =
        yaml(
            component(
                "model", FIXTURES + "Model#name()", "", "this.nmae, this.size, this.name.value"));
    CapturePlan plan = plan(yaml, Model.class, "name");
    assertEquals(
        List.of(
            "'this.nmae': org.mltrace.fixtures.weaving.Model has no field 'nmae'; nearest: name"),
        plan.problems(),
        "this.size and this.name exist; fields after the first are checked at run time");
    assertEquals(3, plan.variables().size(), "still planned: recorded as absent at run time");
  }

  // --- helpers

  private Object input(Call c, String name) {
    return value(c, name, true);
  }

  private Object output(Call c, String name) {
    return value(c, name, false);
  }

  private Object value(Call c, String name, boolean input) {
    return w.value(c, name, input);
  }

  private static CapturePlan plan(String yaml, Class<?> fixture, String method) throws Exception {
    ClassNode node = node(WovenClasses.classBytes(fixture));
    MethodNode m =
        node.methods.stream().filter(mn -> mn.name.equals(method)).findFirst().orElseThrow();
    return CapturePlanner.plan(node, m, ConfigLoader.parse("test.yaml", yaml).components().get(0));
  }

  private static ClassNode node(byte[] bytes) {
    ClassNode node = new ClassNode();
    new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
    return node;
  }

  /** What woven code passed to the bridge for one call. */
  static final class Call {
    final int methodId;
    Object[] entry;
    final List<Object[]> exits = new ArrayList<>();
    final List<Throwable> failures = new ArrayList<>();

    Call(int methodId) {
      this.methodId = methodId;
    }
  }

  /** Hooks that keep every call, with the token being the call itself. */
  static final class Recording implements CaptureHooks {
    final List<Call> calls = new ArrayList<>();

    /** New hooks, installed behind the bridge; the test removes them after each test. */
    static Recording installed() {
      Recording hooks = new Recording();
      CaptureBridge.install(hooks);
      return hooks;
    }

    /** Every call is only counted, as a sampled-out one: woven code then passes no values. */
    boolean countOnly;

    @Override
    public Object enter(int methodId) {
      Call c = new Call(methodId);
      calls.add(c);
      return c;
    }

    @Override
    public boolean recording(Object token) {
      return !countOnly;
    }

    @Override
    public void entry(Object token, Object[] entryValues) {
      ((Call) token).entry = entryValues;
    }

    @Override
    public void exit(Object token, Object[] exitValues) {
      ((Call) token).exits.add(exitValues);
    }

    @Override
    public void fail(Object token, Throwable error) {
      ((Call) token).failures.add(error);
    }

    Call only() {
      assertEquals(1, calls.size(), "calls");
      return calls.get(0);
    }
  }

  static {
    // Fail early and clearly if the fixture is not compiled with what the tests rely on.
    assertNotNull(Pipeline.class.getResource("Pipeline.class"));
  }

  @Test
  void wovenCopyIsNotTheTestLoadersCopy() throws Exception {
    w =
        WovenClasses.weave(
            yaml(component("scale", "#scale(int, java.lang.String)", "", "")), Pipeline.class);
    assertTrue(w.load(Pipeline.class) != Pipeline.class);
    assertArrayEquals(WovenClasses.classBytes(Pipeline.class), w.original(Pipeline.class));
  }
}
