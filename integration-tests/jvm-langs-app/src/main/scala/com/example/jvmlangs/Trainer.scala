package com.example.jvmlangs

/** A Scala object: its methods live in the module class Trainer$ (instance MODULE$); Trainer has static forwarders. */
object Trainer {
  def train(xs: Array[Double], epochs: Int): Double = {
    var w = 0.0
    var e = 0
    while (e < epochs) {
      var i = 0
      while (i < xs.length) {
        w += 0.5 * (xs(i) - w)
        i += 1
      }
      e += 1
    }
    w
  }
}
