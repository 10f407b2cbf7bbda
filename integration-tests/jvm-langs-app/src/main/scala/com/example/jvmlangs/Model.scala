package com.example.jvmlangs

/** A Scala case class: its constructor is Model#<init>(double[], double). */
case class Model(weights: Array[Double], bias: Double)
