/**
 * Mail about a reader's account itself, as opposed to digests: the "choose a new password" mail
 * ({@link org.papersift.app.account.ResetMail}).
 */
package org.papersift.app.account;
