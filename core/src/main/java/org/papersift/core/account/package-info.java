/** Readers: accounts, sessions, votes and the personal library, and the port that stores them. */
package org.papersift.core.account;
