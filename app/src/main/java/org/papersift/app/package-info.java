/**
 * The papersift command: configuration, the data directory, and the one place that wires store,
 * sources and search together. Each subcommand is a small class named for what it does.
 */
package org.papersift.app;
