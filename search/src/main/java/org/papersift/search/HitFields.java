package org.papersift.search;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;

/**
 * The id and title of hits, from doc values: a direct read, where stored fields decompressed a
 * block of documents per hit (a tenth of a search page's CPU). Documents written before index
 * format 2 have no such doc values and are read from stored fields, until the index rebuilds.
 */
final class HitFields {
  private static final Set<String> STORED = Set.of(PaperFields.ID, PaperFields.TITLE);

  /** One hit's id and title. */
  record IdTitle(String id, String title) {}

  private HitFields() {}

  /** Ids and titles of {@code docs} (top-level doc ids, any order), in the order given. */
  static IdTitle[] read(IndexReader reader, int[] docs) throws IOException {
    IdTitle[] out = new IdTitle[docs.length];
    // Doc values are read forward only: visit the docs in doc id order.
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < docs.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    List<LeafReaderContext> leaves = reader.leaves();
    LeafReaderContext leaf = null;
    BinaryDocValues ids = null;
    BinaryDocValues titles = null;
    for (int i : order) {
      int doc = docs[i];
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        ids = leaf.reader().getBinaryDocValues(PaperFields.ID_VALUE);
        titles = leaf.reader().getBinaryDocValues(PaperFields.TITLE_VALUE);
      }
      int local = doc - leaf.docBase;
      out[i] = ids != null && titles != null && ids.advanceExact(local)
          && titles.advanceExact(local)
          ? new IdTitle(ids.binaryValue().utf8ToString(), titles.binaryValue().utf8ToString())
          : stored(leaf.reader(), local);
    }
    return out;
  }

  private static IdTitle stored(LeafReader reader, int doc) throws IOException {
    Document d = reader.storedFields().document(doc, STORED);
    return new IdTitle(d.get(PaperFields.ID), d.get(PaperFields.TITLE));
  }
}
