package com.example.jvmlangs

/** A Kotlin object: compiled to the class Registry with a static INSTANCE and instance methods. */
object Registry {
    private val models = ArrayList<Any>()

    fun register(name: String, model: Any): Int {
        models.add(model)
        return models.size
    }
}
