/**
 * The papersift command line (picocli): one class per subcommand, each printing its settings
 * first, progress while it runs (on a terminal), and totals at the end. Exit codes: 0 ok,
 * 1 failed, 2 bad usage, 3 done but some input was rejected.
 */
package org.papersift.app.cli;
