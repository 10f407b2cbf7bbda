package com.example.jvmlangs

/** Runs the stages in order and prints every value it computed, one `name=value` a line. */
object PipelineMain {
  def main(args: Array[String]): Unit = {
    val raw = Array(1.0, 2.0, 3.0, 4.0)
    val scaled = new FeatureScaler(2.5).scale(raw)
    println("scaled=" + scaled.mkString(","))
    val normalized = FeaturesKt.normalize(scaled)
    println("normalized=" + normalized.mkString(","))
    val bias = Trainer.train(normalized, 3)
    println("bias=" + bias)
    val model = Model(normalized, bias)
    println("model.bias=" + model.bias)
    val id = Registry.INSTANCE.register("tips", model)
    println("id=" + id)
  }
}
