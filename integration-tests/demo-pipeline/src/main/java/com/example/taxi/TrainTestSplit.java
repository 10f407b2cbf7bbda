package com.example.taxi;

/** The two disjoint parts of a {@link FeatureTable}. */
public record TrainTestSplit(FeatureTable train, FeatureTable test) {}
