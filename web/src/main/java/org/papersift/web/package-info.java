/**
 * The HTTP face of papersift: a JSON API (search, papers, status) and a plain search page that
 * works without JavaScript. Depends on core only; the app wires a {@link Library} in.
 */
package org.papersift.web;
