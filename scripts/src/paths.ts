import {join} from 'node:path'
import {fileURLToPath} from 'node:url'

/** The repository root, wherever it is cloned. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The dataset the site builds from by default; `pnpm seed` writes it. */
export const bundledDatasetFile = join(repoRoot, 'site', 'content', 'dataset.ndjson')

/** The seed article, copied into the repository so a clone is self-contained. */
export const seedArticleFile = join(repoRoot, 'scripts', 'seed', 'iop-benefits-article.txt')

/** The original the copy came from: `shared/` beside the repository, when it is there. */
export const sharedSeedArticleFile = join(repoRoot, '..', 'shared', 'seed', 'iop-benefits-article.txt')

/** The Studio, whose `sanity` CLI imports datasets. */
export const studioRoot = join(repoRoot, 'studio')
