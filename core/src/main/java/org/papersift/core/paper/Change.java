package org.papersift.core.paper;


/** A paper as it stood after the change numbered {@code seq}. */
public record Change(long seq, Paper paper) {}
