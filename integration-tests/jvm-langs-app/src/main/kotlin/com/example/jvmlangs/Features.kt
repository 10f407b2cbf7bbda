package com.example.jvmlangs

/** A Kotlin top-level function: compiled to the static method FeaturesKt.normalize. */
fun normalize(xs: DoubleArray): DoubleArray {
    var max = xs[0]
    for (x in xs) {
        if (x > max) max = x
    }
    return DoubleArray(xs.size) { xs[it] / max }
}
