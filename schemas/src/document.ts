/**
 * A document as a dataset stores it (`sanity dataset export`, the Content Lake): every Sanity
 * document has an `_id` and a `_type`; everything else depends on its type. The one definition the
 * site's dataset reader, the offline validation and the scripts share.
 */
export interface StoredDocument {
  _id: string
  _type: string
  [field: string]: unknown
}

/** A document as `sanity dataset export` writes one the project generates (seed, imports): with its system fields. */
export interface ExportedDocument extends StoredDocument {
  _createdAt: string
  _updatedAt: string
  _rev: string
}
