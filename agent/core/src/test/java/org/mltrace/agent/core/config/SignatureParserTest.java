package org.mltrace.agent.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignatureParserTest {

  @Test
  void primitivesBecomeTheirDescriptors() {
    MethodSignature s =
        SignatureParser.parse(
            "com.acme.T#m(boolean, byte, char, short, int, long, float, double)", 7);
    assertEquals(List.of("Z", "B", "C", "S", "I", "J", "F", "D"), s.parameterDescriptors());
    assertEquals(7, s.line());
  }

  @Test
  void arraysBecomeArrayDescriptors() {
    MethodSignature s =
        SignatureParser.parse("com.acme.T#m(int[], double[][], java.lang.String[])", 1);
    assertEquals(List.of("[I", "[[D", "[Ljava/lang/String;"), s.parameterDescriptors());
  }

  @Test
  void objectsAndNestedClassesBecomeObjectDescriptors() {
    MethodSignature s =
        SignatureParser.parse("com.acme.T#m(java.nio.file.Path, com.acme.Outer$Inner)", 1);
    assertEquals(
        List.of("Ljava/nio/file/Path;", "Lcom/acme/Outer$Inner;"), s.parameterDescriptors());
  }

  @Test
  void whitespaceAroundPartsIsIgnored() {
    MethodSignature s = SignatureParser.parse("  com.acme.T # fit ( int ,  double [] )  ", 1);
    assertEquals(List.of("I", "[D"), s.parameterDescriptors());
    assertEquals("com.acme.T", s.classText());
    assertEquals("fit", s.methodText());
  }

  @Test
  void dotDotMeansAnyParameters() {
    assertNull(SignatureParser.parse("com.acme.T#m(..)", 1).parameterDescriptors());
  }

  @Test
  void aVarargsLastParameterIsTheArrayTheClassFileHas() {
    assertEquals(
        List.of("I", "[D"),
        SignatureParser.parse("com.acme.T#m(int, double...)", 1).parameterDescriptors());
    assertEquals(
        List.of("[Ljava/lang/String;"),
        SignatureParser.parse("com.acme.T#m(java.lang.String ...)", 1).parameterDescriptors());
    assertEquals(
        List.of("[[I"), SignatureParser.parse("com.acme.T#m(int[]...)", 1).parameterDescriptors());
  }

  @Test
  void varargsBeforeTheLastParameterIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SignatureParser.parse("com.acme.T#m(double..., int)", 1));
    assertTrue(
        e.getMessage().contains("only the last parameter can be varargs ('double...')"),
        e.getMessage());
  }

  @Test
  void emptyParenthesesMeanNoParameters() {
    assertEquals(List.of(), SignatureParser.parse("com.acme.T#m()", 1).parameterDescriptors());
  }

  @Test
  void plusMeansSubtypesAndIsNotPartOfTheClass() {
    MethodSignature s = SignatureParser.parse("com.acme.Stage+#run(..)", 1);
    assertTrue(s.includeSubtypes());
    assertEquals("com.acme.Stage", s.classText());
    assertTrue(s.classPattern().matcher("com.acme.Stage").matches());
    assertFalse(s.classPattern().matcher("com.acme.Stage+").matches());
    assertFalse(SignatureParser.parse("com.acme.Stage#run(..)", 1).includeSubtypes());
  }

  @Test
  void starInTheClassIsAWildcard() {
    MethodSignature s = SignatureParser.parse("com.acme.*Stage#run(..)", 1);
    assertTrue(s.hasWildcardClass());
    assertTrue(s.classPattern().matcher("com.acme.CleanStage").matches());
    assertTrue(s.classPattern().matcher("com.acme.Stage").matches());
    assertFalse(s.classPattern().matcher("com.acme.StageRunner").matches());
    assertFalse(s.classPattern().matcher("org.acme.CleanStage").matches());
  }

  @Test
  void literalDotsAndDollarsInTheClassAreNotRegex() {
    MethodSignature s = SignatureParser.parse("com.acme.Outer$Inner#run()", 1);
    assertFalse(s.hasWildcardClass());
    assertTrue(s.classPattern().matcher("com.acme.Outer$Inner").matches());
    assertFalse(s.classPattern().matcher("comXacme.Outer$Inner").matches());
  }

  @Test
  void starInTheMethodIsAWildcard() {
    MethodSignature s = SignatureParser.parse("com.acme.T#fit*(..)", 1);
    assertEquals("fit*", s.methodText());
    assertTrue(s.methodPattern().matcher("fit").matches());
    assertTrue(s.methodPattern().matcher("fitAll").matches());
    assertFalse(s.methodPattern().matcher("refit").matches());
    assertTrue(
        SignatureParser.parse("com.acme.T#*(..)", 1).methodPattern().matcher("anything").matches());
  }

  @Test
  void initNamesConstructors() {
    MethodSignature s = SignatureParser.parse("com.acme.Model#<init>(java.lang.String)", 1);
    assertEquals("<init>", s.methodText());
    assertTrue(s.methodPattern().matcher("<init>").matches());
    assertFalse(s.methodPattern().matcher("init").matches());
    assertEquals(List.of("Ljava/lang/String;"), s.parameterDescriptors());
  }

  @Test
  void missingHashIsExplainedWithAnExample() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SignatureParser.parse("com.acme.Trainer.fit(int)", 1));
    assertTrue(e.getMessage().contains("'com.acme.Trainer.fit(int)' has no '#'"), e.getMessage());
    assertTrue(e.getMessage().contains("expected CLASS#METHOD(PARAM_TYPES)"), e.getMessage());
  }

  @Test
  void missingParenthesesAreExplained() {
    for (String text : List.of("com.acme.T#fit", "com.acme.T#fit(int", "com.acme.T#fit(int)x")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> SignatureParser.parse(text, 1), text);
      assertTrue(e.getMessage().contains("needs a parameter list in parentheses"), e.getMessage());
    }
  }

  @Test
  void genericsAreRejectedWithTheErasedAdvice() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SignatureParser.parse(
                    "com.acme.T#fit(java.util.Map<java.lang.String, java.lang.Integer>)", 1));
    assertTrue(e.getMessage().contains("has generics; write the erased type"), e.getMessage());
  }

  @Test
  void unqualifiedStringIsRejectedWithTheQualifiedName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SignatureParser.parse("com.acme.T#fit(String, int)", 1));
    assertTrue(e.getMessage().contains("java.lang.String instead of String"), e.getMessage());
    IllegalArgumentException array =
        assertThrows(
            IllegalArgumentException.class,
            () -> SignatureParser.parse("com.acme.T#fit(String[])", 1));
    assertTrue(
        array.getMessage().contains("java.lang.String instead of String"), array.getMessage());
  }

  @Test
  void badClassMethodAndParameterTextsAreNamed() {
    IllegalArgumentException cls =
        assertThrows(
            IllegalArgumentException.class, () -> SignatureParser.parse("com..T#fit()", 1));
    assertTrue(cls.getMessage().contains("'com..T' is not a class name"), cls.getMessage());
    IllegalArgumentException method =
        assertThrows(
            IllegalArgumentException.class, () -> SignatureParser.parse("com.T#fit-all()", 1));
    assertTrue(method.getMessage().contains("'fit-all' is not a method name"), method.getMessage());
    IllegalArgumentException param =
        assertThrows(
            IllegalArgumentException.class, () -> SignatureParser.parse("com.T#fit(int, )", 1));
    assertTrue(param.getMessage().contains("is not a parameter type"), param.getMessage());
  }
}
