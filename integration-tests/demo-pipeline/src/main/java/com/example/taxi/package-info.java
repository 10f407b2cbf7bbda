/**
 * A small NYC-taxi tip pipeline: generate trips, clean, featurize, split, train a logistic
 * regression, evaluate, save the model, run batch inference.
 *
 * <p>It is ordinary Java on purpose. Nothing here knows it is being traced: the stage methods are
 * plain static methods whose arguments, locals and return values a tracer configured from the
 * outside can read. Each stage is its own class so that a stage maps to one component.
 */
package com.example.taxi;
