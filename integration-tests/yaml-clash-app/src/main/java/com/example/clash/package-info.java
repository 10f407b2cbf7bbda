/**
 * An application that brings its own, old SnakeYAML (1.33) and uses an API that 2.x removed. It
 * exists to show that an agent using SnakeYAML 2.x internally must keep its copy out of the
 * application's class loader. It knows nothing about any agent.
 */
package com.example.clash;
