package com.example.clash;

import java.util.List;

/** A JavaBean for SnakeYAML 1.x to fill: public no-arg constructor, getters and setters. */
public class ClashSettings {

  private String name;
  private List<String> words;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public List<String> getWords() {
    return words;
  }

  public void setWords(List<String> words) {
    this.words = words;
  }
}
