/**
 * The Actions API (`/data/actions/<dataset>`) for the draft model the Studio uses: create, edit,
 * publish, unpublish, discard, delete and replaceDraft. Each action becomes plain document writes
 * in one transaction; a missing document is a 404 and a revision guard that does not hold a 409,
 * as the Content Lake answers.
 */
import {
  alreadyExists,
  notFound,
  type PatchBody,
  revisionMismatch,
  StandInError,
  type StoredDocument,
  type Transaction,
} from './documents.ts'

/** One action of the Actions API, as far as the stand-in reads it. */
export interface ActionBody {
  actionType: string
  publishedId?: string
  draftId?: string
  attributes?: Partial<StoredDocument>
  ifExists?: 'fail' | 'ignore'
  patch?: Omit<PatchBody, 'id'>
  ifDraftRevisionId?: string
  ifPublishedRevisionId?: string
  includeDrafts?: string[]
}

const ACTION_ERROR = 'actionError'

/** Applies one action to the transaction. */
export function applyAction(transaction: Transaction, action: ActionBody): void {
  const publishedId = action.publishedId ?? ''
  const draftId = action.draftId ?? (publishedId ? `drafts.${publishedId}` : '')
  switch (action.actionType) {
    case 'sanity.action.document.create': {
      const id = action.attributes?._id ?? draftId
      if (!id) throw invalid(action, 'attributes._id or publishedId')
      if (transaction.get(id)) {
        if (action.ifExists === 'ignore') return
        throw alreadyExists(id, ACTION_ERROR)
      }
      transaction.apply({create: {...action.attributes, _id: id}})
      return
    }
    case 'sanity.action.document.edit': {
      if (!draftId || !publishedId) throw invalid(action, 'draftId and publishedId')
      const draft = transaction.get(draftId)
      if (!draft) {
        // Editing a published document starts its draft from the published content.
        const published = transaction.get(publishedId)
        if (!published) throw notFound(draftId, ACTION_ERROR)
        const {_rev, _createdAt, _updatedAt, ...content} = published
        transaction.put(draftId, {...content, _id: draftId})
      }
      transaction.apply({patch: {...action.patch, id: draftId}})
      return
    }
    case 'sanity.action.document.publish': {
      if (!draftId || !publishedId) throw invalid(action, 'draftId and publishedId')
      const draft = transaction.get(draftId)
      if (!draft) throw notFound(draftId, ACTION_ERROR)
      if (action.ifDraftRevisionId && action.ifDraftRevisionId !== draft._rev) {
        throw revisionMismatch(draftId, action.ifDraftRevisionId, draft._rev, ACTION_ERROR)
      }
      const published = transaction.get(publishedId)
      if (action.ifPublishedRevisionId && action.ifPublishedRevisionId !== published?._rev) {
        throw revisionMismatch(publishedId, action.ifPublishedRevisionId, published?._rev, ACTION_ERROR)
      }
      const {_rev, _updatedAt, ...content} = draft
      const createdAt = published?._createdAt ?? draft._createdAt
      transaction.put(publishedId, {...content, _id: publishedId, ...(createdAt ? {_createdAt: createdAt} : {})})
      transaction.put(draftId, null)
      return
    }
    case 'sanity.action.document.unpublish': {
      if (!draftId || !publishedId) throw invalid(action, 'draftId and publishedId')
      const published = transaction.get(publishedId)
      if (!published) throw notFound(publishedId, ACTION_ERROR)
      if (!transaction.get(draftId)) {
        const {_rev, _updatedAt, ...content} = published
        transaction.put(draftId, {...content, _id: draftId})
      }
      transaction.put(publishedId, null)
      return
    }
    case 'sanity.action.document.discard': {
      if (!draftId) throw invalid(action, 'draftId')
      if (!transaction.get(draftId)) throw notFound(draftId, ACTION_ERROR)
      transaction.put(draftId, null)
      return
    }
    case 'sanity.action.document.delete': {
      if (!publishedId) throw invalid(action, 'publishedId')
      const ids = [publishedId, ...(action.includeDrafts ?? [])]
      if (ids.every((id) => !transaction.get(id))) throw notFound(publishedId, ACTION_ERROR)
      for (const id of ids) if (transaction.get(id)) transaction.put(id, null)
      return
    }
    case 'sanity.action.document.replaceDraft': {
      if (!publishedId) throw invalid(action, 'publishedId')
      const id = action.attributes?._id ?? draftId
      transaction.put(id, {...action.attributes, _id: id} as StoredDocument)
      return
    }
    default:
      throw new StandInError(
        400,
        'validationError',
        `The local Content Lake stand-in does not support the action "${action.actionType}" (release versions and variants are not implemented).`,
      )
  }
}

function invalid(action: ActionBody, what: string): StandInError {
  return new StandInError(400, 'validationError', `${action.actionType} needs ${what}`)
}
