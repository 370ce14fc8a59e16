/**
 * The web site's view of an open data directory: {@link org.papersift.app.site.SiteLibrary}
 * implements the web module's Library port over the store, the index and the accounts, and
 * {@link org.papersift.app.site.SigningSecret} keeps the site's signing key in the data directory.
 */
package org.papersift.app.site;
