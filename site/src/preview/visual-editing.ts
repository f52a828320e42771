/**
 * Runs in the editor's browser on a draft-mode page of the preview server: the click-to-edit
 * overlays of `@sanity/visual-editing`, connected to the Studio's Presentation tool. The Studio
 * drives navigation and asks for a reload after each saved change (each page is rendered on the
 * server, so a reload is how an edit shows).
 */
import {enableVisualEditing, type HistoryAdapter} from '@sanity/visual-editing/enable-visual-editing'

const history: HistoryAdapter = {
  subscribe(navigate) {
    // Tell Presentation which page is shown, so its address bar and document list follow.
    navigate({type: 'push', url: `${location.pathname}${location.search}${location.hash}`})
    return () => {}
  },
  update(update) {
    if (update.type === 'push') location.assign(update.url)
    else if (update.type === 'replace') location.replace(update.url)
    else if (update.type === 'pop') window.history.back()
  },
}

enableVisualEditing({
  history,
  // Pages have no live queries: a manual refresh or a saved change reloads the page from the server.
  refresh() {
    location.reload()
    return Promise.resolve()
  },
})
