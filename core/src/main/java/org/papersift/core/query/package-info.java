/**
 * What a reader asks: free text plus the filters papersift understands inside it (cat:, author:,
 * from:, to:, date:), parsed once here so every front end (CLI, web, API) means the same thing.
 */
package org.papersift.core.query;
