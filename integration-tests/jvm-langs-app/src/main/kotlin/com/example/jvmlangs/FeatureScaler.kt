package com.example.jvmlangs

/** A Kotlin class: compiled to the plain class FeatureScaler with a getter for factor. */
class FeatureScaler(val factor: Double) {
    fun scale(xs: DoubleArray): DoubleArray {
        val scaled = DoubleArray(xs.size)
        for (i in xs.indices) {
            scaled[i] = xs[i] * factor
        }
        return scaled
    }
}
